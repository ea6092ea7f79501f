package dev.mamba2j.tornado.ir;

/** Launch-geometry queries (the KernelContext fields), each per dimension 0..2. */
public enum WorkItem { GLOBAL_ID, LOCAL_ID, GROUP_ID, GLOBAL_SIZE, LOCAL_SIZE }
