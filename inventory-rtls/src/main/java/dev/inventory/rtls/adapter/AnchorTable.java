package dev.inventory.rtls.adapter;

import org.agrona.collections.Int2IntHashMap;

/**
 * Anchor positions by anchor id, for the solving adapters. Validated at construction; immutable afterwards, so
 * threadsafe for reads.
 */
final class AnchorTable
{
    private final int[] ids;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final Int2IntHashMap index;

    /**
     * @param anchorIds  anchor ids, distinct.
     * @param anchorXyzM positions x0, y0, z0, x1, ... in metres, finite.
     * @throws IllegalArgumentException naming the bad anchor.
     */
    AnchorTable(final int[] anchorIds, final double[] anchorXyzM)
    {
        if (anchorXyzM.length != anchorIds.length * 3)
        {
            throw new IllegalArgumentException("anchorXyzM must hold 3 values per anchor id");
        }
        ids = anchorIds.clone();
        x = new double[anchorIds.length];
        y = new double[anchorIds.length];
        z = new double[anchorIds.length];
        index = new Int2IntHashMap(Math.max(8, anchorIds.length * 2), 0.65f, -1);
        for (int i = 0; i < anchorIds.length; i++)
        {
            if (index.put(anchorIds[i], i) != -1)
            {
                throw new IllegalArgumentException("duplicate anchor id " + anchorIds[i]);
            }
            x[i] = anchorXyzM[3 * i];
            y[i] = anchorXyzM[3 * i + 1];
            z[i] = anchorXyzM[3 * i + 2];
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || !Double.isFinite(z[i]))
            {
                throw new IllegalArgumentException("anchor " + anchorIds[i] + ": position must be finite");
            }
        }
    }

    /**
     * @param anchorId anchor id.
     * @return its index, or -1 if unknown.
     */
    int indexOf(final int anchorId)
    {
        return index.get(anchorId);
    }

    int idOf(final int i)
    {
        return ids[i];
    }

    double x(final int i)
    {
        return x[i];
    }

    double y(final int i)
    {
        return y[i];
    }

    double z(final int i)
    {
        return z[i];
    }

    int size()
    {
        return x.length;
    }
}
