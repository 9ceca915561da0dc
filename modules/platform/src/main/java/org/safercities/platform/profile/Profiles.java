package org.safercities.platform.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.safercities.platform.KitConfig;

/**
 * The kit profile this installation runs, or the one it is offered at set-up. An applied profile lives in
 * {@code <data>/profile/} and is checked again at every start; an offered one comes from {@code --profile FILE}
 * (the USB launchers pass the {@code kit-profile.json} beside them) and is only considered while the data folder
 * has no database yet.
 */
public final class Profiles {

    private static final Logger LOG = Logger.getLogger(Profiles.class.getName());

    private final Path folder;
    private final KitProfile active;
    private final Path offeredFile;
    private final KitProfile offered;
    private final KitProfile.Refused refusal;
    private volatile boolean applied;

    private Profiles(Path folder, KitProfile active, Path offeredFile, KitProfile offered, KitProfile.Refused refusal) {
        this.folder = folder;
        this.active = active;
        this.offeredFile = offeredFile;
        this.offered = offered;
        this.refusal = refusal;
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
                return new Profiles(folder, KitProfile.read(applied, trusted), null, null, null);
            } catch (KitProfile.Refused e) {
                throw new IllegalStateException("The kit profile in " + folder + " no longer passes its check (" + e.getMessage()
                        + "): it was changed after it was applied. Copy kit-profile.json and kit-profile.json.asc from the "
                        + "national forum's stick into that folder again, or remove the folder to run without a profile.");
            }
        }
        if (!newInstallation || offered == null) {
            return new Profiles(folder, null, null, null, null);
        }
        try {
            KitProfile p = KitProfile.read(offered, trusted);
            LOG.info(() -> "kit profile offered: " + p.name() + " signed by " + p.signerFingerprint());
            return new Profiles(folder, null, offered, p, null);
        } catch (KitProfile.Refused e) {
            LOG.warning(() -> "kit profile " + offered + " refused: " + e.getMessage());
            return new Profiles(folder, null, offered, null, e);
        }
    }

    /** The profile whose settings this run uses: the applied one, else a valid offer (set-up applies it). */
    public Optional<KitProfile> effective() {
        return Optional.ofNullable(active != null ? active : offered);
    }

    public Optional<KitProfile> active() {
        return Optional.ofNullable(active != null ? active : applied ? offered : null);
    }

    public Optional<KitProfile> offered() {
        return Optional.ofNullable(applied ? null : offered);
    }

    /** What the header shows of the running profile: its brand name and logo, none without a profile. */
    public org.safercities.platform.web.Shell.Brand brand() {
        return active().map(p -> new org.safercities.platform.web.Shell.Brand(p.brandName(), p.logoPng() != null))
                .orElse(org.safercities.platform.web.Shell.Brand.NONE);
    }

    public Optional<KitProfile.Refused> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The configuration with the profile's modules switched off and its disclosure threshold. */
    public KitConfig apply(KitConfig config) {
        return effective().map(p -> {
            Set<String> off = new HashSet<>(config.disabledModules());
            off.addAll(p.modulesOff());
            return config.withProfile(off, p.threshold() == null ? config.disclosureThreshold() : p.threshold());
        }).orElse(config);
    }

    /** Set-up keeps the offered profile: copied into {@code <data>/profile/}, checked again at every start. */
    public void applyOffered() throws IOException {
        if (offered == null || applied) {
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
}
