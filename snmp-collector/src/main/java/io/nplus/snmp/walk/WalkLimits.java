package io.nplus.snmp.walk;

/**
 * Bounds on one device's walk.
 *
 * @param maxRepetitions GETBULK max-repetitions for a single column; with k columns per request each gets
 *                       {@code ceil(maxRepetitions / k)} rows, so responses stay about the same size. Halved on
 *                       tooBig and on a timeout (some agents drop oversized answers instead of saying tooBig).
 * @param maxRowsPerColumn a column with more rows ends with {@link WalkEnd#ROW_LIMIT} (an agent that invents
 *                         rows forever still passes the order check)
 * @param maxColumnsPerRequest how many columns share one request
 */
public record WalkLimits(int maxRepetitions, int maxRowsPerColumn, int maxColumnsPerRequest) {
    public WalkLimits {
        if (maxRepetitions < 1 || maxRowsPerColumn < 1 || maxColumnsPerRequest < 1) {
            throw new IllegalArgumentException("walk limits must be positive: " + maxRepetitions + ", "
                + maxRowsPerColumn + ", " + maxColumnsPerRequest);
        }
    }

    public static WalkLimits defaults() {
        return new WalkLimits(25, 100_000, 10);
    }

    public WalkLimits withMaxRepetitions(int n) {
        return new WalkLimits(n, maxRowsPerColumn, maxColumnsPerRequest);
    }
}
