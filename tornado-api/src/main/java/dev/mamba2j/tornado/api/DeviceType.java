package dev.mamba2j.tornado.api;

public enum DeviceType { GPU, CPU, ACCELERATOR, OTHER }
