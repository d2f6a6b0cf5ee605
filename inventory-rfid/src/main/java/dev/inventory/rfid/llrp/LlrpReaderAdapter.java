package dev.inventory.rfid.llrp;

import dev.inventory.core.spi.AdapterContext;
import dev.inventory.core.spi.DeviceAdapter;

/**
 * A {@link DeviceAdapter} for one LLRP 1.0.1 reader: runs an {@link LlrpClient} and publishes every TagReportData
 * as one RFID read record (zero-copy: claim, write, commit) with the antenna, peak RSSI in centi-dBm, first and
 * last seen in epoch ms, TagSeenCount, channel index and the EPC's true bit length.
 * <p>
 * Back-pressure: the client thread waits up to {@link LlrpClient.Context#publishTimeoutMs()} for a slot (the TCP
 * window then throttles the reader); a read the engine does not take in time is dropped and counted
 * ({@link LlrpCounters#READS_DROPPED} here, {@code dropped} in the engine).
 * <p>
 * Link state: {@link #linkState()}, logged on every change; {@link #isHealthy()} is true while CONNECTED.
 * <p>
 * Threadsafe: {@link #onStart}/{@link #onClose} from the engine's control thread, accessors from any thread.
 */
public final class LlrpReaderAdapter implements DeviceAdapter
{
    private final LlrpClient.Context ctx;
    private final LlrpClientListener extraListener;
    private volatile LlrpClient client;

    /**
     * @param ctx client settings; validated here.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public LlrpReaderAdapter(final LlrpClient.Context ctx)
    {
        this(ctx, null);
    }

    /**
     * @param ctx           client settings; validated here.
     * @param extraListener also told of link states, reader events and reports (after publishing), or null.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public LlrpReaderAdapter(final LlrpClient.Context ctx, final LlrpClientListener extraListener)
    {
        this.ctx = ctx.conclude();
        this.extraListener = extraListener;
    }

    @Override
    public String roleName()
    {
        return "llrp:" + ctx.readerName();
    }

    @Override
    public synchronized void onStart(final AdapterContext context)
    {
        if (null != client)
        {
            throw new IllegalStateException("already started");
        }
        final int readerId = context.readerId(ctx.readerName());
        final LlrpReadPublisher listener =
            new LlrpReadPublisher(context.publisher(), readerId, ctx.publishTimeoutMs(), extraListener);
        final LlrpClient client = new LlrpClient(ctx, listener);
        listener.counters(client.counters());
        this.client = client;
        client.start();
    }

    @Override
    public void onClose()
    {
        final LlrpClient client = this.client;
        if (null != client)
        {
            client.close();
        }
    }

    @Override
    public boolean isHealthy()
    {
        final LlrpClient client = this.client;
        return null != client && client.linkState() == LlrpLinkState.CONNECTED;
    }

    /** @return the link state ({@link LlrpLinkState#DISCONNECTED} before start). */
    public LlrpLinkState linkState()
    {
        final LlrpClient client = this.client;
        return null == client ? LlrpLinkState.DISCONNECTED : client.linkState();
    }

    /** @return the client, or null before start. */
    public LlrpClient client()
    {
        return client;
    }

    /** @return the settings. */
    public LlrpClient.Context context()
    {
        return ctx;
    }
}
