package org.safercities.platform.lan;

import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.crypto.TlsCertificate;
import org.safercities.platform.KitConfig;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * {@code GET /network}, for administrators: whether colleagues on the office network can reach the kit, at which
 * addresses, and the SHA-256 fingerprint of the kit's HTTPS certificate they compare in their browser.
 */
public final class LanRoutes implements HttpService {

    private final KitConfig config;
    private final TlsCertificate tls;
    private final Pages pages;

    public record NetworkPage(boolean lan, String fingerprint, List<String> addresses, int port) {
    }

    public LanRoutes(KitConfig config, TlsCertificate tls, Pages pages) {
        this.config = config;
        this.tls = tls;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/network", this::show);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        int port = req.localPeer().address() instanceof java.net.InetSocketAddress a ? a.getPort() : config.port();
        List<String> addresses = tls == null ? List.of()
                : TlsCertificate.localNames().stream().filter(n -> !n.equals("localhost") && !n.equals("127.0.0.1"))
                        .map(n -> "https://" + n + ":" + port + "/").toList();
        pages.render(res, v, "/network", "platform/network", "platform.network.title",
                new NetworkPage(tls != null, tls == null ? null : tls.fingerprint(), addresses, port));
    }
}
