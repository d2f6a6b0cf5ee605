package dev.inventory.rtls.solve;

import java.util.Arrays;

/**
 * Collects 2D errors and reports mean and percentiles. Test helper; NOT threadsafe.
 */
final class ErrorStats
{
    private double[] errors = new double[1024];
    private int count;
    private int rejected;

    void add(final double errorM)
    {
        if (count == errors.length)
        {
            errors = Arrays.copyOf(errors, count * 2);
        }
        errors[count++] = errorM;
    }

    void reject()
    {
        rejected++;
    }

    int count()
    {
        return count;
    }

    int rejected()
    {
        return rejected;
    }

    double mean()
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += errors[i];
        }
        return sum / count;
    }

    double percentile(final double p)
    {
        final double[] sorted = Arrays.copyOf(errors, count);
        Arrays.sort(sorted);
        return sorted[(int)Math.min(count - 1, Math.ceil(p * count) - 1)];
    }

    double max()
    {
        return percentile(1.0);
    }

    @Override
    public String toString()
    {
        return String.format(java.util.Locale.ROOT, "n=%d rejected=%d mean=%.4f m p95=%.4f m max=%.3f m", count,
            rejected, mean(), percentile(0.95), max());
    }
}
