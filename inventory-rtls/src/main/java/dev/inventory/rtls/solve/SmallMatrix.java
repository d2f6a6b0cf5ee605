package dev.inventory.rtls.solve;

/**
 * Dense linear algebra for the tiny (n &lt;= 4) symmetric systems of the solvers, on caller-owned row-major arrays.
 * Garbage-free. Stateless, threadsafe.
 */
final class SmallMatrix
{
    private SmallMatrix()
    {
    }

    /**
     * Cholesky factor a symmetric positive definite matrix in place (lower triangle holds L).
     *
     * @param a row-major n x n, overwritten.
     * @param n order, &lt;= 4.
     * @return false if not (numerically) positive definite.
     */
    static boolean cholesky(final double[] a, final int n)
    {
        double maxDiag = 0;
        for (int i = 0; i < n; i++)
        {
            maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
        }
        final double tiny = maxDiag * 1e-12;
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++)
            {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > tiny))
            {
                return false;
            }
            final double ljj = Math.sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /**
     * Solve L L^T x = b in place.
     *
     * @param l factor from {@link #cholesky(double[], int)}.
     * @param n order.
     * @param b right-hand side, overwritten with x.
     */
    static void solve(final double[] l, final int n, final double[] b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * n + k] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[k * n + i] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }

    /**
     * Trace of the inverse of the first {@code m} rows/columns' block of (L L^T)^-1, i.e. the sum of the first m
     * diagonal elements of the inverse.
     *
     * @param l       factor.
     * @param n       order.
     * @param m       how many leading diagonal elements to sum.
     * @param scratch at least n doubles.
     * @return the partial trace.
     */
    static double inverseTrace(final double[] l, final int n, final int m, final double[] scratch)
    {
        double trace = 0;
        for (int c = 0; c < m; c++)
        {
            for (int i = 0; i < n; i++)
            {
                scratch[i] = i == c ? 1.0 : 0.0;
            }
            solve(l, n, scratch);
            trace += scratch[c];
        }
        return trace;
    }

    /**
     * Quadratic form u^T (L L^T)^-1 u.
     *
     * @param l       factor.
     * @param n       order.
     * @param u       vector of n (not modified).
     * @param scratch at least n doubles.
     * @return the form's value.
     */
    static double inverseForm(final double[] l, final int n, final double[] u, final double[] scratch)
    {
        // forward substitution only: |L^-1 u|^2
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double s = u[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * n + k] * scratch[k];
            }
            final double v = s / l[i * n + i];
            scratch[i] = v;
            sum += v * v;
        }
        return sum;
    }

    /**
     * Smallest eigenvalue of a symmetric 2x2 matrix.
     *
     * @param a00 element.
     * @param a01 element.
     * @param a11 element.
     * @return the smallest eigenvalue.
     */
    static double minEigen2(final double a00, final double a01, final double a11)
    {
        final double mean = 0.5 * (a00 + a11);
        final double half = 0.5 * (a00 - a11);
        return mean - Math.sqrt(half * half + a01 * a01);
    }

    /**
     * Smallest eigenvalue of a symmetric 3x3 matrix (closed form, trigonometric).
     *
     * @param a00 element.
     * @param a01 element.
     * @param a02 element.
     * @param a11 element.
     * @param a12 element.
     * @param a22 element.
     * @return the smallest eigenvalue.
     */
    static double minEigen3(
        final double a00, final double a01, final double a02, final double a11, final double a12, final double a22)
    {
        final double p1 = a01 * a01 + a02 * a02 + a12 * a12;
        final double q = (a00 + a11 + a22) / 3.0;
        final double d0 = a00 - q;
        final double d1 = a11 - q;
        final double d2 = a22 - q;
        final double p2 = d0 * d0 + d1 * d1 + d2 * d2 + 2.0 * p1;
        if (p2 <= 0)
        {
            return q;
        }
        final double p = Math.sqrt(p2 / 6.0);
        final double b00 = d0 / p;
        final double b11 = d1 / p;
        final double b22 = d2 / p;
        final double b01 = a01 / p;
        final double b02 = a02 / p;
        final double b12 = a12 / p;
        final double det = b00 * (b11 * b22 - b12 * b12) - b01 * (b01 * b22 - b12 * b02) + b02 * (b01 * b12 - b11 * b02);
        final double r = Math.max(-1.0, Math.min(1.0, det * 0.5));
        final double phi = Math.acos(r) / 3.0;
        return q + 2.0 * p * Math.cos(phi + 2.0 * Math.PI / 3.0);
    }
}
