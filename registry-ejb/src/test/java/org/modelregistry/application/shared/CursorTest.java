package org.modelregistry.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.InvalidInputException;

class CursorTest {

    @Test
    void roundTripsItsKeys() {
        String c = Cursor.encode("versions-semver", "00001.0002~", "0190-abc");
        assertThat(c).doesNotContain("=", "+", "/");
        assertThat(Cursor.decode("versions-semver", c, 2)).containsExactly("00001.0002~", "0190-abc");
        assertThat(Cursor.decode("models", null, 1)).isNull();
    }

    @Test
    void refusesCursorsOfAnotherListingOrGarbage() {
        String c = Cursor.encode("models", "x");
        assertThatThrownBy(() -> Cursor.decode("artifacts", c, 1)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Cursor.decode("models", "%%%", 1)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Cursor.decode("models", c, 2)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void limitsPageSizes() {
        assertThat(Cursor.limit(null, 50, 500)).isEqualTo(50);
        assertThat(Cursor.limit(500, 50, 500)).isEqualTo(500);
        assertThatThrownBy(() -> Cursor.limit(0, 50, 500)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursor.limit(501, 50, 500)).isInstanceOf(InvalidInputException.class);
    }
}
