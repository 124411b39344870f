package com.hivematrix.core.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.core.config.CoreProperties;

/**
 * The signing key set, kept as files so that several Core replicas sharing the directory converge.
 *
 * <p>Each key is one PEM file {@code hivematrix-signing-key-N.pem} (PKCS#8, mode 0600) with a
 * {@code # created_at:} header line; a {@code .pub.pem} copy of the public key is written beside it for
 * operators. The key with the highest N signs. A superseded key stays published (and accepted) until its
 * successor is older than {@code key-retire-after}, then it is moved to {@code retired/}. New files are
 * created with link(2), so two replicas rotating at once cannot overwrite each other.
 */
@Component
public class SigningKeys {

    public static final String KID_PREFIX = "hivematrix-signing-key-";
    private static final Pattern FILE = Pattern.compile("hivematrix-signing-key-(\\d+)\\.pem");
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long MISS_RESCAN_MIN_INTERVAL_MS = 2000;

    private record State(SigningKey active, Map<String, SigningKey> byKid, List<SigningKey> published, Map<String, Object> jwks) {
    }

    private final Path dir;
    private final CoreProperties props;
    private final Clock clock;
    private final Map<Path, SigningKey> parsed = new HashMap<>();
    private volatile State state;
    private volatile long lastMissRescan;

    @org.springframework.beans.factory.annotation.Autowired
    public SigningKeys(CoreProperties props) {
        this(props, Clock.systemUTC());
    }

    SigningKeys(CoreProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
        this.dir = props.getKeyDir().toAbsolutePath().normalize();
        try {
            createPrivateDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create key directory " + dir, e);
        }
        rescan();
        if (state == null) {
            log.info("No signing key in {}: generating {}1", dir, KID_PREFIX);
            createKey(1);
            rescan();
        }
    }

    /** The key new tokens are signed with. */
    public SigningKey active() {
        return state.active();
    }

    /** A published key by kid; re-reads the directory (at most every 2 s) on a miss, for keys rotated elsewhere. */
    public SigningKey find(String kid) {
        SigningKey key = state.byKid().get(kid);
        if (key == null && kid != null && kid.startsWith(KID_PREFIX)) {
            long now = System.currentTimeMillis();
            if (now - lastMissRescan > MISS_RESCAN_MIN_INTERVAL_MS) {
                lastMissRescan = now;
                rescan();
                key = state.byKid().get(kid);
            }
        }
        return key;
    }

    public List<SigningKey> published() {
        return state.published();
    }

    /** The JWKS document: {@code {"keys":[…]}} with the public half of every published key. */
    public Map<String, Object> jwks() {
        return state.jwks();
    }

    /** Adds key N+1, which signs from now on. Returns the new active key. */
    public synchronized SigningKey rotate() {
        rescan();
        int next = state.active().index() + 1;
        while (!createKey(next)) {
            next++; // another replica took this number
        }
        rescan();
        log.info("Rotated signing key: {} now signs; {} stays published until retired", state.active().kid(),
                state.published().stream().filter(k -> k != state.active()).map(SigningKey::kid).toList());
        return state.active();
    }

    @Scheduled(fixedDelayString = "${hivematrix.core.key-rescan-interval:30s}", initialDelayString = "${hivematrix.core.key-rescan-interval:30s}")
    public synchronized void rescan() {
        List<SigningKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "hivematrix-signing-key-*.pem")) {
            for (Path file : files) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue; // .pub.pem and temporaries
                }
                SigningKey key = parsed.get(file);
                if (key == null) {
                    try {
                        key = read(file, Integer.parseInt(m.group(1)));
                        parsed.put(file, key);
                    } catch (IOException | GeneralSecurityException | RuntimeException e) {
                        log.warn("Ignoring unreadable signing key {}: {}", file, e.toString());
                        continue;
                    }
                }
                keys.add(key);
            }
        } catch (IOException e) {
            log.error("Cannot list key directory {}: {}", dir, e.toString());
            return;
        }
        if (keys.isEmpty()) {
            return;
        }
        keys.sort(Comparator.comparingInt(SigningKey::index));
        Instant now = clock.instant();
        List<SigningKey> published = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SigningKey key = keys.get(i);
            boolean retired = false;
            for (int j = i + 1; j < keys.size(); j++) {
                if (keys.get(j).createdAt().plus(props.getKeyRetireAfter()).isBefore(now)) {
                    retired = true;
                    break;
                }
            }
            if (retired) {
                retire(key);
            } else {
                published.add(key);
            }
        }
        Map<String, SigningKey> byKid = new HashMap<>();
        List<Map<String, Object>> jwkList = new ArrayList<>();
        for (SigningKey key : published) {
            byKid.put(key.kid(), key);
            jwkList.add(orderedJwk(key));
        }
        Map<String, Object> jwks = Map.of("keys", List.copyOf(jwkList));
        state = new State(published.get(published.size() - 1), Map.copyOf(byKid), List.copyOf(published), jwks);
    }

    private static Map<String, Object> orderedJwk(SigningKey key) {
        Map<String, Object> json = key.publicJwk().toJSONObject();
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : List.of("kty", "alg", "kid", "use", "n", "e")) {
            ordered.put(name, json.get(name));
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }

    private void retire(SigningKey key) {
        Path file = dir.resolve(key.kid() + ".pem");
        parsed.remove(file);
        try {
            Path retiredDir = dir.resolve("retired");
            createPrivateDir(retiredDir);
            Files.move(file, retiredDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dir.resolve(key.kid() + ".pub.pem"));
            log.info("Retired signing key {} (its tokens have expired)", key.kid());
        } catch (java.nio.file.NoSuchFileException e) {
            // another replica retired it first
        } catch (IOException e) {
            log.warn("Cannot move retired key {}: {}", file, e.toString());
        }
    }

    /** Creates key number n; false when that file already exists (made by another replica). */
    private boolean createKey(int n) {
        String kid = KID_PREFIX + n;
        Path target = dir.resolve(kid + ".pem");
        if (Files.exists(target)) {
            return false;
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            String pem = "# HiveMatrix Core signing key " + kid + "\n"
                    + "# created_at: " + clock.instant() + "\n"
                    + pem("PRIVATE KEY", pair.getPrivate().getEncoded());
            Path tmp = Files.createTempFile(dir, ".tmp-" + kid, ".pem", ownerOnly());
            try {
                Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
            Path pub = dir.resolve(kid + ".pub.pem");
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write signing key " + target, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate RSA key", e);
        }
    }

    private static SigningKey read(Path file, int index) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Instant created = null;
        StringBuilder b64 = new StringBuilder();
        boolean inBody = false;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.startsWith("# created_at:")) {
                created = Instant.parse(line.substring("# created_at:".length()).strip());
            } else if (line.equals("-----BEGIN PRIVATE KEY-----")) {
                inBody = true;
            } else if (line.equals("-----END PRIVATE KEY-----")) {
                inBody = false;
            } else if (inBody) {
                b64.append(line);
            }
        }
        if (b64.isEmpty()) {
            throw new GeneralSecurityException("no PKCS#8 PRIVATE KEY block");
        }
        if (created == null) {
            created = Files.getLastModifiedTime(file).toInstant();
        }
        KeyFactory kf = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64.toString())));
        RSAPublicKey pub = (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
        if (priv.getModulus().bitLength() < 2048 || priv.getPublicExponent().compareTo(BigInteger.ONE) <= 0) {
            throw new GeneralSecurityException("RSA key too small");
        }
        return new SigningKey(index, KID_PREFIX + index, created, pub, priv);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static void createPrivateDir(Path d) throws IOException {
        if (Files.isDirectory(d)) {
            return;
        }
        Files.createDirectories(d);
        if (posix()) {
            Files.setPosixFilePermissions(d, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    public Path directory() {
        return dir;
    }
}
