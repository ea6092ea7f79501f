package dev.mamba2j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Log-log line charts written as PNG, headless. Needs the JDK's java.desktop module: a trimmed
 * runtime without it gets a message instead of a plot (the CSV and JSON carry the same numbers).
 */
final class Plots {
    private Plots() {}

    /**
     * @param series name -> {x values, y values}; series with no points are left out
     * @return a line saying what was written, or why nothing was
     */
    static String logLog(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        System.setProperty("java.awt.headless", "true");
        try {
            return draw(file, title, xLabel, yLabel, series);
        } catch (LinkageError e) {
            return "no plot " + file + ": this Java runtime cannot draw (" + e + "); add the java.desktop module";
        } catch (RuntimeException e) { // e.g. a machine without fonts: the numbers are written already
            return "no plot " + file + ": this machine cannot render it (" + e.getMessage() + "); `reproduction` draws it from the CSV";
        }
    }

    private static String draw(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        // Labels at 1, 2, …, 9 × each decade where a series spans less than two decades (else they overlap).
        chart.getStyler().setXAxisLogarithmicDecadeOnly(decades(series, 0) >= 2).setYAxisLogarithmicDecadeOnly(decades(series, 1) >= 2);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setLegendVisible(true);
        int drawn = 0;
        for (Map.Entry<String, double[][]> s : series.entrySet()) {
            if (s.getValue()[0].length == 0) continue;
            chart.addSeries(s.getKey(), s.getValue()[0], s.getValue()[1]).setMarker(SeriesMarkers.CIRCLE);
            drawn++;
        }
        if (drawn == 0) return "no plot " + file + ": no measured points";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG); // adds ".png" when missing
            return "wrote " + file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** log10(max / min) over the positive values of one coordinate (0: x, 1: y) of all series. */
    private static double decades(Map<String, double[][]> series, int axis) {
        double lo = Double.MAX_VALUE, hi = 0;
        for (double[][] s : series.values())
            for (double v : s[axis]) if (v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }
}
