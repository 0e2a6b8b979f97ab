package trin.health.internal;

final class Rounding {

    private Rounding() {
    }

    static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double twoDecimals(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
