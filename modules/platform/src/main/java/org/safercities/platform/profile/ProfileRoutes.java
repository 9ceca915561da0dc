package org.safercities.platform.profile;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/** {@code GET /kit-profile}: which national kit profile this installation runs; {@code /kit-profile/logo.png}: its logo. */
public final class ProfileRoutes implements HttpService {

    private final Profiles profiles;
    private final Pages pages;

    /** What the set-up page and the profile page show of a profile. */
    public record Shown(String name, String country, String brandName, String signer, String fingerprint, String signedAt,
            String languages, String levels, String modulesOff, String threshold, int indicators, List<String> recipients,
            boolean logo, String areas) {
        public boolean hasRecipients() {
            return !recipients.isEmpty();
        }
    }

    /** A declined offer as the set-up and kit profile pages name it. */
    public record DeclinedShown(String name, String fingerprint, String at) {
    }

    public record ProfilePage(Shown profile, DeclinedShown declined) {
    }

    public ProfileRoutes(Profiles profiles, Pages pages) {
        this.profiles = profiles;
        this.pages = pages;
    }

    public static Shown shown(KitProfile p, Translator t) {
        return new Shown(p.name(), java.util.Locale.of("", p.country()).getDisplayCountry(t.locale()), p.brandName(),
                p.signerUserId(), OpenPgp.grouped(p.signerFingerprint()), t.dateTime(p.signedAt()), String.join(", ", p.languages()),
                String.join(" › ", p.levels()), String.join(", ", p.modulesOff().stream().sorted().toList()),
                p.threshold() == null ? "" : Integer.toString(p.threshold()), p.indicators().size(),
                p.recipients().stream().map(r -> r.label()).toList(), p.logoPng() != null,
                p.areas().isEmpty() ? null : t.t("platform.profile.areasCount", p.cities().size(), p.areas().size() - p.cities().size()));
    }

    public static DeclinedShown shown(Profiles.Declined d, Translator t) {
        return new DeclinedShown(d.name(), d.fingerprint() == null ? "" : OpenPgp.grouped(d.fingerprint()),
                d.at() == null ? "" : t.dateTime(d.at()));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/kit-profile", this::show)
                .get("/kit-profile/logo.png", this::logo);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        pages.render(res, v, "/kit-profile", "platform/kit-profile", "platform.kitProfile.title",
                new ProfilePage(profiles.active().map(p -> shown(p, v.t())).orElse(null),
                        profiles.active().isPresent() ? null : profiles.declined().map(d -> shown(d, v.t())).orElse(null)));
    }

    /**
     * The logo of the running profile, or of the one offered at set-up. Public like {@code /assets} (WebGate lets it
     * through before sign-in): the header of the sign-in and set-up pages shows it. Only a PNG the profile carried
     * is ever sent, as {@code image/png} with the kit's CSP and {@code nosniff}.
     */
    private void logo(ServerRequest req, ServerResponse res) {
        byte[] png = profiles.active().or(profiles::offered).map(KitProfile::logoPng).orElse(null);
        if (png == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "image/png");
        res.header(HeaderNames.CACHE_CONTROL, "private, max-age=3600");
        res.send(png);
    }
}
