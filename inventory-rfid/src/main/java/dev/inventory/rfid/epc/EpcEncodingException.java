package dev.inventory.rfid.epc;

/**
 * Thrown by {@link EpcEncoder} (and the throwing helpers of {@link EpcHex}) for invalid input; carries the precise
 * {@link EpcError}.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class EpcEncodingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final EpcError error;

    EpcEncodingException(EpcError error, String detail) {
        super(error.name() + ": " + error.reasonText() + (detail == null ? "" : " [" + detail + "]"));
        this.error = error;
    }

    /** The precise reason. */
    public EpcError error() {
        return error;
    }
}
