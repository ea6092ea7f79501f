package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Discovers Vulkan devices with a compute queue through the loader ({@code libvulkan.so.1}, or the
 * file named by {@code -Dmamba2j.vulkan.library}), which finds the drivers (ICDs) through its own
 * search, {@code VK_ICD_FILENAMES} or {@code VK_DRIVER_FILES}. One instance per process, made on
 * first use and kept; a missing loader, no driver or no device gives an empty list and a reason.
 */
public final class VulkanDriver implements Driver {
    private static final CStruct APP_INFO = CStruct.typed("ptr pApplicationName", "u32 applicationVersion", "ptr pEngineName",
            "u32 engineVersion", "u32 apiVersion");
    private static final CStruct INSTANCE_INFO = CStruct.typed("u32 flags", "ptr pApplicationInfo", "u32 enabledLayerCount",
            "ptr ppEnabledLayerNames", "u32 enabledExtensionCount", "ptr ppEnabledExtensionNames");

    private final String library;
    private List<ComputeDevice> devices;
    private String unavailableReason;

    public VulkanDriver() { this(System.getProperty("mamba2j.vulkan.library", Vk.DEFAULT_LIBRARY)); }

    VulkanDriver(String library) { this.library = library; }

    @Override public Backend backend() { return Backend.VULKAN; }

    @Override public synchronized List<ComputeDevice> devices() {
        if (devices == null) discover();
        return devices;
    }

    @Override public synchronized String unavailableReason() {
        if (devices == null) discover();
        return unavailableReason;
    }

    private void discover() {
        devices = List.of();
        Vk vk;
        try {
            vk = Vk.load(library);
        } catch (IllegalArgumentException e) {
            unavailableReason = "Vulkan loader " + library + " not found (Debian: libvulkan1, plus a driver such as mesa-vulkan-drivers)";
            return;
        }
        try {
            MemorySegment instance = createInstance(vk);
            List<ComputeDevice> found = new ArrayList<>();
            for (MemorySegment pd : physicalDevices(vk, instance)) {
                VulkanDevice d = VulkanDevice.query(vk, instance, pd, found.size());
                if (d != null) found.add(d);
            }
            if (found.isEmpty()) unavailableReason = "the Vulkan loader reports no device with a compute queue";
            devices = List.copyOf(found);
        } catch (VulkanException e) {
            unavailableReason = e.code() == Vk.ERROR_INCOMPATIBLE_DRIVER
                    ? "no Vulkan driver (ICD) found by the loader (" + e.getMessage() + "; VK_ICD_FILENAMES names one)"
                    : "Vulkan unusable: " + e.getMessage();
        } catch (UnsatisfiedLinkError e) {
            unavailableReason = library + ": " + e.getMessage();
        }
    }

    /** A Vulkan 1.1 instance without layers or extensions, kept for the life of the process. */
    private static MemorySegment createInstance(Vk vk) {
        Arena a = Arena.global();
        MemorySegment app = APP_INFO.allocate(a, Vk.STYPE_APPLICATION_INFO, 1);
        APP_INFO.set(app, "pApplicationName", a.allocateFrom("mamba2j")).set(app, "pEngineName", a.allocateFrom("mamba2j"))
                .set(app, "apiVersion", Vk.API_1_1);
        MemorySegment info = INSTANCE_INFO.allocate(a, Vk.STYPE_INSTANCE_CREATE_INFO, 1);
        INSTANCE_INFO.set(info, "pApplicationInfo", app);
        MemorySegment out = a.allocate(ADDRESS);
        vk.call("vkCreateInstance", sig(P, P, P), info, MemorySegment.NULL, out);
        return out.get(ADDRESS, 0);
    }

    private static List<MemorySegment> physicalDevices(Vk vk, MemorySegment instance) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            vk.call("vkEnumeratePhysicalDevices", sig(P, P, P), instance, count, MemorySegment.NULL);
            int n = count.get(JAVA_INT, 0);
            MemorySegment list = a.allocate(ADDRESS, Math.max(1, n));
            vk.call("vkEnumeratePhysicalDevices", sig(P, P, P), instance, count, list);
            List<MemorySegment> out = new ArrayList<>();
            for (int i = 0; i < count.get(JAVA_INT, 0); i++) out.add(list.getAtIndex(ADDRESS, i));
            return out;
        }
    }

}
