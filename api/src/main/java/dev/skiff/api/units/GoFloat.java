package dev.skiff.api.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's {@code %.Ng} for non-negative values, the format go-units uses for sizes. */
public final class GoFloat {
    private GoFloat() {
    }

    public static String g(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        int digits = Math.max(precision, 1);
        // The exact binary value rounded half-even to the requested significant digits, as strconv does.
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            return scientific(rounded, exponent);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static String scientific(BigDecimal rounded, int exponent) {
        String mantissaDigits = rounded.unscaledValue().abs().toString().replaceAll("0+$", "");
        String mantissa = mantissaDigits.length() > 1
                ? mantissaDigits.charAt(0) + "." + mantissaDigits.substring(1)
                : mantissaDigits;
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return (rounded.signum() < 0 ? "-" : "") + mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }
}
