package dev.monitor.paging;

/** Secret keys the service makes for itself and shares across every function instance. */
public interface ServiceKeyStore {
    /** The 32-byte key of this name, made on first use. */
    byte[] key(String name);
}
