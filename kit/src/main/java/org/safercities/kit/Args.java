package org.safercities.kit;

import java.nio.file.Path;
import java.util.Properties;

/** The command line: a command (run, restore, train, help) and its options. */
record Args(String command, Path data, Path file, Properties overrides) {

    static final String USAGE = """
            Usage:
              java -jar safercities-kit.jar [--data DIR] [--port N] [--host ADDR] [--lan] [--demo]
                                            [--profile kit-profile.json] [--open-browser]
              java -jar safercities-kit.jar restore BACKUP.zip [--data DIR]
              java -jar safercities-kit.jar profile key|sign|check ...   (national forums: run "profile" alone for help)
            Defaults: --data ./data (./demo-data with --demo), --port 8080, --host 127.0.0.1""";

    /** Set by the USB launchers: once the kit answers, Main asks the system to open its address in the browser. */
    static final String OPEN_BROWSER = "launcher.open-browser";

    static Args parse(String[] args) {
        String command = "run";
        Path data = null;
        Path file = null;
        Properties o = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--port" -> o.setProperty("server.port", value(args, ++i, a));
                case "--host" -> o.setProperty("server.host", value(args, ++i, a));
                case "--demo" -> o.setProperty("demo", "true");
                case "--lan" -> o.setProperty("server.lan", "true");
                case "--profile" -> o.setProperty("profile.offered", Path.of(value(args, ++i, a)).toAbsolutePath().toString());
                case "--open-browser" -> o.setProperty(OPEN_BROWSER, "true");
                case "-h", "--help", "help" -> command = "help";
                case "restore", "train" -> command = a;
                default -> {
                    if (command.equals("restore") && file == null && !a.startsWith("--")) {
                        file = Path.of(a);
                    } else {
                        throw new IllegalArgumentException("Unknown option: " + a);
                    }
                }
            }
        }
        if (data == null) {
            data = Path.of(o.getProperty("demo", "false").equals("true") ? "demo-data" : "data");
        }
        return new Args(command, data.toAbsolutePath().normalize(), file, o);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
