package trin.health.internal;

import oshi.hardware.Sensors;

/** Sensors of a machine that reads a fixed temperature, 0 or NaN for none. */
class FixedSensors implements Sensors {

    private final double celsius;

    FixedSensors(double celsius) {
        this.celsius = celsius;
    }

    @Override
    public double getCpuTemperature() {
        return celsius;
    }

    @Override
    public int[] getFanSpeeds() {
        return new int[0];
    }

    @Override
    public double getCpuVoltage() {
        return 0;
    }
}
