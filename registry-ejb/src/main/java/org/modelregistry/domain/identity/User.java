package org.modelregistry.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.regex.Pattern;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.shared.AuditedEntity;

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
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username", "must be 1-64 letters, digits or . _ @ -");
        }
        this.username = username;
        this.displayName = displayName;
        this.active = true;
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    /** A user created by an administrator. */
    public static User create(String username, String displayName, String email, char[] password, int iterations,
                              String actor) {
        User u = new User(username, null, actor);
        u.update(displayName, email, true, false, actor);
        u.setPassword(password, iterations, actor);
        return u;
    }

    /** Changes the editable profile and flags. */
    public void update(String displayName, String email, boolean active, boolean registryAdmin, String actor) {
        org.modelregistry.domain.shared.FieldErrors errors = new org.modelregistry.domain.shared.FieldErrors();
        errors.check(displayName == null || displayName.length() <= 200, "displayName", "must be at most 200 characters");
        errors.check(email == null || (email.length() <= 320 && EMAIL.matcher(email).matches()), "email",
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

    public void setPassword(char[] password, int iterations, String actor) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new InvalidInputException("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        this.passwordHash = PasswordHash.hash(password, iterations);
        touch(actor);
    }

    /** True when the user is active and the password matches. */
    public boolean authenticates(char[] password) {
        return active && PasswordHash.verify(password, passwordHash);
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
