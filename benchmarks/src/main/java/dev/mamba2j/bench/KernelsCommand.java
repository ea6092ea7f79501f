package dev.mamba2j.bench;

import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.kernels.linalg.Matmul;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.runtime.Compilation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Prints every kernel of the kernel library as OpenCL C and as PTX into a folder, one file each, to
 * read or to compare two builds (scalars that size local arrays take 64, booleans true).
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "Print every library kernel as OpenCL C and PTX into --out (to read, or to diff two builds).")
final class KernelsCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "results/kernels", description = "folder (default: ${DEFAULT-VALUE})") Path out;
    @Option(names = "--sm", defaultValue = "90", description = "PTX compute capability, e.g. 90 for sm_90 (default: ${DEFAULT-VALUE})") int sm;

    @Override public Integer call() throws Exception {
        Files.createDirectories(out);
        List<Printer> printers = List.of(OpenClPrinter.PORTABLE, new PtxPrinter(PtxTarget.forDevice(sm / 10, sm % 10, 13000)));
        int n = 0;
        for (Method m : kernels()) {
            Object[] args = Arrays.stream(m.getParameterTypes()).map(t -> t == int.class ? (Object) 64 : t == boolean.class ? (Object) true : null).toArray();
            String name = m.getDeclaringClass().getSimpleName() + "_" + m.getName();
            Map<String, Object[]> forms = new LinkedHashMap<>();
            if (SsdTiling.KERNELS.contains(m.getDeclaringClass()))
                for (SsdTiling t : SsdTiling.ALL) forms.put(name + "_" + t.name(), t.into(args)); // one file per tiling
            else forms.put(name, args);
            for (Map.Entry<String, Object[]> f : forms.entrySet())
                for (Printer p : printers) {
                    Files.writeString(out.resolve(f.getKey() + (p instanceof PtxPrinter ? ".ptx" : ".cl")),
                            Compilation.compile(m, f.getValue(), p).code().text());
                    n++;
                }
        }
        System.out.println(n + " files in " + out);
        return 0;
    }

    /** The @Kernel methods of every class of the library, read from its classes (a folder or a jar). */
    static List<Method> kernels() throws IOException, ReflectiveOperationException, java.net.URISyntaxException {
        URI uri = Matmul.class.getResource("Matmul.class").toURI();
        if (uri.getScheme().equals("jar")) {
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException opened) {
                // opened by an earlier call
            }
        }
        Path root = Path.of(uri).getParent().getParent(); // dev/mamba2j/kernels
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).sorted().toList()) {
                String cls = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (cls.endsWith("package-info")) continue;
                for (Method m : Class.forName("dev.mamba2j.kernels." + cls).getDeclaredMethods())
                    if (m.isAnnotationPresent(dev.mamba2j.tornado.api.Kernel.class)
                            || m.isAnnotationPresent(dev.mamba2j.tornado.api.annotations.Kernel.class)) methods.add(m);
            }
        }
        methods.sort(Comparator.comparing((Method m) -> m.getDeclaringClass().getName()).thenComparing(Method::getName));
        return methods;
    }
}
