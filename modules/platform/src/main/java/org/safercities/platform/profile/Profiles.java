package org.safercities.platform.profile;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

import org.safercities.platform.KitConfig;
import org.safercities.platform.web.Shell;

/**
 * The kit profile this installation runs, or the one it is offered at set-up. An applied profile lives in
 * {@code <data>/profile/} and is checked again at every start; an offered one comes from {@code --profile FILE}
 * (the USB launchers pass the {@code kit-profile.json} beside them) and is only considered while the data folder
 * has no database yet.
 *
 * <p>The officer may decline the offer: {@code <data>/profile/declined.properties} remembers it (with the SHA-256 of
 * the declined file, so that another profile is offered again, and its name for the kit profile page). An offered
 * profile's settings (modules off, threshold, national indicators) are the run's from its start, so a change of
 * mind takes effect at the next start: until then set-up waits ({@link #restartPending()}).
 */
public final class Profiles {

    private static final Logger LOG = Logger.getLogger(Profiles.class.getName());
    static final String DECLINED = "declined.properties";

    /** A profile the officer declined at set-up: what the kit profile page says of it. */
    public record Declined(String name, String fingerprint, Instant at) {
    }

    private final Path folder;
    private final KitProfile active;
    private final Path offeredFile;
    private final KitProfile offered;
    private final KitProfile.Refused refusal;
    /** The offer was declined before this run started: the run has none of its settings. */
    private final boolean declinedAtStart;
    private volatile Declined declined;
    private volatile boolean applied;

    private Profiles(Path folder, KitProfile active, Path offeredFile, KitProfile offered, KitProfile.Refused refusal,
            Declined declined) {
        this.folder = folder;
        this.active = active;
        this.offeredFile = offeredFile;
        this.offered = offered;
        this.refusal = refusal;
        this.declined = declined;
        this.declinedAtStart = declined != null && offered != null;
    }

    /**
     * Reads the applied profile (refusing to start when it was changed after it was applied) and, for a new
     * installation, the offered one (a refused offer is kept to be shown on the set-up page).
     */
    public static Profiles load(Path data, boolean newInstallation, Set<String> trustedSigners, Path offered) throws IOException {
        Set<String> trusted = new HashSet<>();
        trustedSigners.forEach(f -> trusted.add(KitProfile.normal(f)));
        Path folder = data.resolve("profile");
        Path applied = folder.resolve("kit-profile.json");
        if (Files.exists(applied)) {
            try {
                return new Profiles(folder, KitProfile.read(applied, trusted), null, null, null, null);
            } catch (KitProfile.Refused e) {
                throw new IllegalStateException("The kit profile in " + folder + " no longer passes its check (" + e.getMessage()
                        + "): it was changed after it was applied. Copy kit-profile.json and kit-profile.json.asc from the "
                        + "national forum's stick into that folder again, or remove the folder to run without a profile.");
            }
        }
        Map<String, String> marker = readDeclined(folder);
        Declined declined = marker == null ? null : new Declined(marker.get("name"), marker.get("fingerprint"),
                parseInstant(marker.get("declinedAt")));
        if (!newInstallation || offered == null) {
            return new Profiles(folder, null, null, null, null, declined);
        }
        try {
            KitProfile p = KitProfile.read(offered, trusted);
            if (marker != null && sha256(offered).equals(marker.get("sha256"))) {
                LOG.info(() -> "kit profile " + p.name() + " was declined at set-up: not offered again");
                return new Profiles(folder, null, offered, p, null, declined);
            }
            LOG.info(() -> "kit profile offered: " + p.name() + " signed by " + p.signerFingerprint());
            return new Profiles(folder, null, offered, p, null, null);
        } catch (KitProfile.Refused e) {
            LOG.warning(() -> "kit profile " + offered + " refused: " + e.getMessage());
            return new Profiles(folder, null, offered, null, e, null);
        }
    }

    /** The profile whose settings this run uses: the applied one, else a valid offer not declined before the start. */
    public Optional<KitProfile> effective() {
        return Optional.ofNullable(active != null ? active : declinedAtStart ? null : offered);
    }

    public Optional<KitProfile> active() {
        return Optional.ofNullable(active != null ? active : applied ? offered : null);
    }

    /** The profile the set-up page offers: valid, not applied yet, not declined. */
    public Optional<KitProfile> offered() {
        return Optional.ofNullable(applied || declined != null ? null : offered);
    }

    /** The offer the officer declined (before this start or now), if any, also after set-up. */
    public Optional<Declined> declined() {
        return Optional.ofNullable(declined);
    }

    /** A valid offer was declined, or taken back, after this run started with the other choice: restart first. */
    public boolean restartPending() {
        return offered != null && !applied && declinedAtStart != (declined != null);
    }

    public Optional<KitProfile.Refused> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** What the header shows of the running profile: its brand name and logo, none without a profile. */
    public Shell.Brand brand() {
        return active().map(p -> new Shell.Brand(p.brandName(), p.logoPng() != null)).orElse(Shell.Brand.NONE);
    }

    /** The configuration with the profile's modules switched off and its disclosure threshold. */
    public KitConfig apply(KitConfig config) {
        return effective().map(p -> {
            Set<String> off = new HashSet<>(config.disabledModules());
            off.addAll(p.modulesOff());
            return config.withProfile(off, p.threshold() == null ? config.disclosureThreshold() : p.threshold());
        }).orElse(config);
    }

    /**
     * The officer sets up without the offered profile: remembered in {@code <data>/profile/declined.properties}
     * (the data folder has no database yet), so the offer is not made again.
     */
    public synchronized void decline() throws IOException {
        if (offered == null || applied || declined != null) {
            return;
        }
        Declined d = new Declined(offered.name(), offered.signerFingerprint(), Instant.now());
        Properties p = new Properties();
        p.setProperty("sha256", sha256(offeredFile));
        p.setProperty("name", d.name());
        p.setProperty("fingerprint", d.fingerprint());
        p.setProperty("declinedAt", d.at().toString());
        Files.createDirectories(folder);
        Path tmp = folder.resolve(DECLINED + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "The kit profile offered at set-up was declined. Delete this file to be offered it again.");
        }
        Files.move(tmp, folder.resolve(DECLINED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        declined = d;
        LOG.info(() -> "kit profile declined: " + offered.name());
    }

    /** The officer takes the decline back: the profile is offered again. */
    public synchronized void undecline() throws IOException {
        if (offered == null || applied || declined == null) {
            return;
        }
        Files.deleteIfExists(folder.resolve(DECLINED));
        declined = null;
        LOG.info(() -> "kit profile offered again: " + offered.name());
    }

    /** Set-up keeps the offered profile: copied into {@code <data>/profile/}, checked again at every start. */
    public synchronized void applyOffered() throws IOException {
        if (offered().isEmpty() || restartPending()) {
            return;
        }
        Files.createDirectories(folder);
        Files.copy(Path.of(offeredFile + ".asc"), folder.resolve("kit-profile.json.asc.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(offeredFile, folder.resolve("kit-profile.json.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(folder.resolve("kit-profile.json.asc.tmp"), folder.resolve("kit-profile.json.asc"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(folder.resolve("kit-profile.json.tmp"), folder.resolve("kit-profile.json"), StandardCopyOption.ATOMIC_MOVE);
        applied = true;
        LOG.info(() -> "kit profile applied: " + offered.name());
    }

    private static Map<String, String> readDeclined(Path folder) throws IOException {
        Path f = folder.resolve(DECLINED);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            LOG.warning(() -> f + " cannot be read (" + e.getMessage() + "): the profile is offered again");
            return null;
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out.containsKey("sha256") ? out : null;
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
