package dev.mamba2j.tornado.emit.ptx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PtxTargetTest {
    @Test
    void hopperOnCuda13UsesTheBaseline() {
        PtxTarget t = PtxTarget.forDevice(9, 0, 13000);
        assertEquals("sm_90", t.sm());
        assertEquals("8.0", t.isaVersion());
        assertEquals(".version 8.0\n.target sm_90\n.address_size 64\n", t.header());
    }

    @Test
    void newerTargetsRaiseTheVersion() {
        assertEquals("8.6", PtxTarget.forDevice(10, 0, 12080).isaVersion());
        assertEquals("8.7", PtxTarget.forDevice(12, 0, 12080).isaVersion());
        assertEquals("9.0", PtxTarget.forDevice(11, 0, 13000).isaVersion());
    }

    @Test
    void olderDriversCapTheVersion() {
        assertEquals("7.8", PtxTarget.forDevice(9, 0, 11080).isaVersion());
        assertEquals("7.0", PtxTarget.forDevice(8, 0, 11000).isaVersion());
        assertEquals("8.0", PtxTarget.forDevice(9, 0, 12000).isaVersion());
    }

    @Test
    void aTargetTheDriverCannotCompileIsRefused() {
        assertThrows(IllegalStateException.class, () -> PtxTarget.forDevice(9, 0, 11070));
        assertThrows(IllegalStateException.class, () -> PtxTarget.forDevice(12, 0, 12060));
    }

    @Test
    void unknownFutureTargetsGetTheDriversNewest() {
        assertEquals("9.0", PtxTarget.forDevice(13, 0, 13000).isaVersion());
    }
}
