package dev.inventory.rfid.ale;

/**
 * Receives the reports of each completed event cycle, on the thread that drives the {@link EventCycle} (the engine
 * thread). The {@link EventCycleReports} view and its lists are reused: read them during the call, or keep
 * {@link EventCycleReports#snapshot()}. Implementations need not be threadsafe.
 */
@FunctionalInterface
public interface EventCycleListener
{
    /**
     * @param reports the completed cycle's CURRENT, ADDITIONS and DELETIONS reports.
     */
    void onEventCycle(EventCycleReports reports);
}
