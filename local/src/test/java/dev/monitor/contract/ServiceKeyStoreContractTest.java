package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.paging.DynamoServiceKeyStore;
import dev.monitor.paging.ServiceKeyStore;
import dev.monitor.testing.InMemoryStores;
import java.util.Arrays;
import java.util.List;

/** What every {@link ServiceKeyStore} does, on DynamoDB Local and in memory alike. */
class ServiceKeyStoreContractTest {
    /** A store, and another instance of it on the same storage, as another function instance has. */
    record Stores(String name, ServiceKeyStore keys, ServiceKeyStore anotherInstance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        InMemoryStores.ServiceKeys keys = new InMemoryStores.ServiceKeys();
        return List.of(
                new Stores(
                        "DynamoDB Local",
                        new DynamoServiceKeyStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoServiceKeyStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", keys, keys));
    }

    private final String name = "contract-" + Secrets.randomHex(8);

    @ContractTest
    void aKeyIs32BytesMadeOnFirstUseAndTheSameEverAfterForEveryInstance(Stores on) {
        byte[] key = on.keys().key(name);
        assertEquals(32, key.length);
        assertArrayEquals(key, on.keys().key(name));
        assertArrayEquals(key, on.anotherInstance().key(name));
    }

    @ContractTest
    void eachNameHasAKeyOfItsOwn(Stores on) {
        assertFalse(Arrays.equals(on.keys().key(name), on.keys().key(name + "-other")));
    }
}
