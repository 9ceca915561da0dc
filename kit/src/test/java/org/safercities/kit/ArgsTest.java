package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void defaultsAndOptions() {
        Args none = Args.parse(new String[0]);
        assertEquals("run", none.command());
        assertEquals(Path.of("data").toAbsolutePath(), none.data());
        Args demo = Args.parse(new String[] {"--demo", "--port", "9090", "--host", "0.0.0.0"});
        assertEquals(Path.of("demo-data").toAbsolutePath(), demo.data(), "the demo never lands in a real data folder");
        assertEquals("9090", demo.overrides().getProperty("server.port"));
        assertEquals("0.0.0.0", demo.overrides().getProperty("server.host"));
        Args restore = Args.parse(new String[] {"restore", "b.zip", "--data", "/tmp/x"});
        assertEquals("restore", restore.command());
        assertEquals(Path.of("b.zip"), restore.file());
        assertEquals(Path.of("/tmp/x"), restore.data());
    }

    @Test
    void launcherOptions() {
        Args a = Args.parse(new String[] {"--lan", "--profile", "kit-profile.json", "--open-browser"});
        assertEquals("true", a.overrides().getProperty("server.lan"));
        assertEquals(Path.of("kit-profile.json").toAbsolutePath().toString(), a.overrides().getProperty("profile.offered"));
        assertEquals("true", a.overrides().getProperty(Args.OPEN_BROWSER));
    }

    @Test
    void mistakesAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"--port"}))
                .getMessage().contains("--port needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"--colour"}))
                .getMessage().contains("Unknown option"));
    }
}
