package org.safercities.exchange;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.monitoring.MonitoringModule;
import org.safercities.partnerships.PartnershipsModule;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;
import org.safercities.strategy.StrategyModule;

/** The demo city with every module and its demo data, as the kit runs it: what the export draws on. */
record WholeDemoKit(TestKit kit, ExchangeModule exchange, PlatformServices platform) {

    static WholeDemoKit start(String label) throws Exception {
        ExchangeModule[] module = new ExchangeModule[1];
        PlatformServices[] platform = new PlatformServices[1];
        TestKit kit = TestKit.start(Files.createTempDirectory(label), Map.of("demo", "true"), List.of(
                new Kit.ModuleSpec("diagnosis", DiagnosisModule::new),
                new Kit.ModuleSpec("partnerships", PartnershipsModule::new),
                new Kit.ModuleSpec("strategy", StrategyModule::new),
                new Kit.ModuleSpec("monitoring", MonitoringModule::new),
                new Kit.ModuleSpec("exchange", p -> {
                    platform[0] = p;
                    return module[0] = new ExchangeModule(p);
                })));
        return new WholeDemoKit(kit, module[0], platform[0]);
    }
}
