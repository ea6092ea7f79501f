package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;

/** A double-precision SSD with the semantics documented in {@link SsdInputs}. */
public interface SsdReference {

    ReferenceResult run(SsdInputs in);
}
