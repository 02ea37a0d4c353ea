package org.modelregistry.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.CharBuffer;
import java.util.regex.Pattern;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * A person who signs in to the registry. The password is kept only as a PBKDF2 hash and never leaves this class
 * except to be verified.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "User.findByUsername", query = "SELECT u FROM User u WHERE LOWER(u.username) = LOWER(:username)")
public class User extends AuditedEntity {

    public static final Pattern USERNAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}$");
    public static final int MIN_PASSWORD = 12;
    /** Longer passwords are refused before any hashing: PBKDF2 over megabytes is a way to burn the server's CPU. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    public static final String USERNAME_RULE = "must be 1-64 letters, digits or . _ @ -";

    @Column(name = "username", nullable = false, length = 64, updatable = false)
    private String username;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "registry_admin", nullable = false)
    private boolean registryAdmin;

    protected User() {
        // for JPA
    }

    private User(String username, String displayName, String actor) {
        super(actor);
        if (!isValidUsername(username)) {
            throw new InvalidInputException("username", USERNAME_RULE);
        }
        this.username = username;
        this.displayName = displayName;
        this.active = true;
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    /** A user created by an administrator. */
    public static User create(
            String username, String displayName, String email, char[] password, int iterations, String actor) {
        User u = new User(username, null, actor);
        u.update(displayName, email, true, false, actor);
        u.setPassword(password, iterations, actor);
        return u;
    }

    /** Changes the editable profile and flags. */
    public void update(String displayName, String email, boolean active, boolean registryAdmin, String actor) {
        FieldErrors errors = new FieldErrors();
        errors.check(
                displayName == null || displayName.length() <= 200, "displayName", "must be at most 200 characters");
        errors.check(
                email == null || (email.length() <= 320 && EMAIL.matcher(email).matches()),
                "email",
                "must be an e-mail address");
        errors.throwIfAny();
        this.displayName = displayName;
        this.email = email;
        this.active = active;
        this.registryAdmin = registryAdmin;
        touch(actor);
    }

    /** The registry-wide administrator created on first start. */
    public static User administrator(String username, char[] password, int iterations) {
        User u = new User(username, "Registry administrator", "system");
        u.setPassword(password, iterations, "system");
        u.registryAdmin = true;
        return u;
    }

    /** The user-name rule, checked by length first so that a huge value costs nothing. */
    public static boolean isValidUsername(String username) {
        return username != null
                && username.length() <= 64
                && USERNAME.matcher(username).matches();
    }

    /** At most {@link #MAX_PASSWORD_BYTES} bytes in UTF-8, counted without copying a huge value. */
    public static boolean isBoundedPassword(CharSequence password) {
        if (password.length() > MAX_PASSWORD_BYTES) {
            return false;
        }
        int bytes = 0;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes <= MAX_PASSWORD_BYTES;
    }

    public void setPassword(char[] password, int iterations, String actor) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new InvalidInputException("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        if (!isBoundedPassword(CharBuffer.wrap(password))) {
            throw new InvalidInputException("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        this.passwordHash = PasswordHash.hash(password, iterations);
        touch(actor);
    }

    /**
     * True when the user is active and the password matches. The password is hashed whatever the outcome (an
     * inactive user too, and one without a password against {@code dummyHash}), so that the time taken does not
     * tell an inactive or password-less user from an active one.
     */
    public boolean authenticates(char[] password, String dummyHash) {
        boolean matches = PasswordHash.verify(password, passwordHash != null ? passwordHash : dummyHash);
        return matches && active && passwordHash != null;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isRegistryAdmin() {
        return registryAdmin;
    }
}
