package org.safercities.platform;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.store.DataFolder;

class PortInUseTest {

    @Test
    void aPortInUseStopsTheKitWithAMessageAndReleasesTheFolder() throws Exception {
        Path data = Files.createTempDirectory("port-test");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TestKit.start(data, Map.of("demo", "true", "server.port", Integer.toString(taken.getLocalPort()))));
            assertTrue(e.getMessage().contains("port is in use"), e.getMessage());
            new DataFolder(data).lock().close(); // the data folder is free again
        } finally {
            DataFolder.deleteTree(data);
        }
    }
}
