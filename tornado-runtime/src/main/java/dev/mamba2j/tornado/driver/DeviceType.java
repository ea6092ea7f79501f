package dev.mamba2j.tornado.driver;

public enum DeviceType { GPU, CPU, ACCELERATOR, OTHER }
