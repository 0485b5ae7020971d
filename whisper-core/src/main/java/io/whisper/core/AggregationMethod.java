package io.whisper.core;

/**
 * How a lower-precision archive summarises the higher-precision slots it covers.
 *
 * <p>The arithmetic is whisper.py's exactly: sums add left to right from zero (CPython 3.11's
 * naive {@code sum}), {@code max}/{@code min} and their absolute variants keep the first value
 * on ties and skip NaN unless it comes first (Python's strict comparisons), and {@code
 * avg_zero} divides by every slot, counting missing ones as zero.
 */
public enum AggregationMethod {
  AVERAGE(1, "average"),
  SUM(2, "sum"),
  LAST(3, "last"),
  MAX(4, "max"),
  MIN(5, "min"),
  AVG_ZERO(6, "avg_zero"),
  ABSMAX(7, "absmax"),
  ABSMIN(8, "absmin");

  private static final AggregationMethod[] BY_CODE = values();
  private static final long QUIET_NAN_BIT = 0x0008000000000000L;

  private final int code;
  private final String pythonName;

  AggregationMethod(int code, String pythonName) {
    this.code = code;
    this.pythonName = pythonName;
  }

  /** Returns the on-disk aggregation type, 1 to 8. */
  public int code() {
    return code;
  }

  /** Returns the name whisper.py and carbon use, such as {@code avg_zero}. */
  public String pythonName() {
    return pythonName;
  }

  @Override
  public String toString() {
    return pythonName;
  }

  /** Returns true if {@code code} is a known on-disk aggregation type. */
  public static boolean isKnownCode(long code) {
    return code >= 1 && code <= BY_CODE.length;
  }

  /**
   * Returns the method with on-disk type {@code code}.
   *
   * @throws IllegalArgumentException if the code is not 1 to 8
   */
  public static AggregationMethod fromCode(long code) {
    if (!isKnownCode(code)) {
      throw new IllegalArgumentException("Unknown aggregation type: " + code);
    }
    return BY_CODE[(int) code - 1];
  }

  /**
   * Returns the method named {@code name} as whisper.py spells it.
   *
   * @throws IllegalArgumentException with whisper.py's message if the name is unknown
   */
  public static AggregationMethod fromName(String name) {
    for (AggregationMethod method : BY_CODE) {
      if (method.pythonName.equals(name)) {
        return method;
      }
    }
    throw new IllegalArgumentException("Unrecognized aggregation method: " + name);
  }

  /**
   * Aggregates the slots of one lower interval.
   *
   * @param values the neighbour values in chronological order; only {@code known[i]} slots hold
   *     data
   * @param known which slots hold data; at least one must
   * @param count how many leading entries of {@code values} and {@code known} to use
   */
  public double aggregate(double[] values, boolean[] known, int count) {
    return switch (this) {
      case AVERAGE -> sumKnown(values, known, count) / knownCount(known, count);
      case SUM -> sumKnown(values, known, count);
      case LAST -> lastKnown(values, known, count);
      case MAX -> extreme(values, known, count, false, true);
      case MIN -> extreme(values, known, count, false, false);
      case AVG_ZERO -> sumKnown(values, known, count) / count;
      case ABSMAX -> extreme(values, known, count, true, true);
      case ABSMIN -> extreme(values, known, count, true, false);
    };
  }

  /** Aggregates values that are all known: the form {@code whisper-resize --aggregate} needs. */
  public double aggregate(double... values) {
    boolean[] known = new boolean[values.length];
    java.util.Arrays.fill(known, true);
    return aggregate(values, known, values.length);
  }

  // Python's sum() starts from the int 0 and adds left to right. Missing slots add nothing,
  // which for avg_zero is the same as adding 0 (`x or 0` also maps -0.0 to 0, and 0 + -0.0 is
  // +0.0 in both languages).
  private static double sumKnown(double[] values, boolean[] known, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      if (known[i]) {
        sum = pyAdd(sum, values[i]);
      }
    }
    return sum;
  }

  // CPython's `f_result += x` on x86-64 keeps the FIRST NaN operand (quieted): the accumulated
  // NaN survives later NaNs. Java leaves NaN payloads unspecified, and HotSpot on x86-64 was
  // seen returning the later NaN's bits, so propagate explicitly to store whisper.py's bits.
  private static double pyAdd(double sum, double value) {
    if (Double.isNaN(sum)) {
      return sum;
    }
    if (Double.isNaN(value)) {
      return Double.longBitsToDouble(Double.doubleToRawLongBits(value) | QUIET_NAN_BIT);
    }
    return sum + value;
  }

  private static int knownCount(boolean[] known, int count) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (known[i]) {
        n++;
      }
    }
    return n;
  }

  private static double lastKnown(double[] values, boolean[] known, int count) {
    for (int i = count - 1; i >= 0; i--) {
      if (known[i]) {
        return values[i];
      }
    }
    throw new IllegalArgumentException("no known value to aggregate");
  }

  // Python's max()/min(): keep the first element, replace it only when a later one compares
  // strictly greater (smaller). Comparisons with NaN are false, so NaN wins only when first.
  private static double extreme(
      double[] values, boolean[] known, int count, boolean byAbs, boolean greatest) {
    boolean found = false;
    double best = 0;
    for (int i = 0; i < count; i++) {
      if (!known[i]) {
        continue;
      }
      double candidate = values[i];
      if (!found) {
        best = candidate;
        found = true;
        continue;
      }
      double a = byAbs ? Math.abs(candidate) : candidate;
      double b = byAbs ? Math.abs(best) : best;
      if (greatest ? a > b : a < b) {
        best = candidate;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no known value to aggregate");
    }
    return best;
  }
}
