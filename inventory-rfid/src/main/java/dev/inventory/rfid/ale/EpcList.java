package dev.inventory.rfid.ale;

/**
 * A read-only, garbage-free view of the EPCs of one report (CURRENT, ADDITIONS or DELETIONS), iterated by index:
 * {@code for (int i = 0; i < list.size(); i++) use(list.epcHigh(i), list.epcLow(i));}. EPCs come in the order they
 * were first read in their event cycle. Valid only during the listener callback that received it.
 * Instances are NOT threadsafe.
 */
public final class EpcList
{
    private EpcSet set;
    private int[] positions;
    private int size;

    EpcList()
    {
    }

    void wrapAll(final EpcSet set)
    {
        this.set = set;
        this.positions = null;
        this.size = set.size();
    }

    void wrapPositions(final EpcSet set, final int[] positions, final int size)
    {
        this.set = set;
        this.positions = positions;
        this.size = size;
    }

    /** @return number of EPCs. */
    public int size()
    {
        return size;
    }

    /** @return true if there are no EPCs. */
    public boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * @param index 0..size()-1.
     * @return EPC bits 95..32.
     */
    public long epcHigh(final int index)
    {
        checkIndex(index);
        return set.highAt(null == positions ? index : positions[index]);
    }

    /**
     * @param index 0..size()-1.
     * @return EPC bits 31..0.
     */
    public int epcLow(final int index)
    {
        checkIndex(index);
        return set.lowAt(null == positions ? index : positions[index]);
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
