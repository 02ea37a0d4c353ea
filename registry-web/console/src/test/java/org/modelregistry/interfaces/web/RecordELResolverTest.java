package org.modelregistry.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.PropertyNotWritableException;
import jakarta.el.VariableMapper;
import org.junit.jupiter.api.Test;

class RecordELResolverTest {

    record Result(long total, String name) {}

    private final RecordELResolver resolver = new RecordELResolver();

    private static ELContext context() {
        return new ELContext() {
            @Override
            public ELResolver getELResolver() {
                return null;
            }

            @Override
            public FunctionMapper getFunctionMapper() {
                return null;
            }

            @Override
            public VariableMapper getVariableMapper() {
                return null;
            }
        };
    }

    @Test
    void readsARecordsComponentsAsReadOnlyProperties() {
        ELContext context = context();
        Result r = new Result(42, "fraud");
        assertThat(resolver.getValue(context, r, "total")).isEqualTo(42L);
        assertThat(context.isPropertyResolved()).isTrue();
        assertThat(resolver.isReadOnly(context, r, "name")).isTrue();
        assertThatThrownBy(() -> resolver.setValue(context, r, "name", "x"))
                .isInstanceOf(PropertyNotWritableException.class);
    }

    @Test
    void leavesEverythingElseToTheOtherResolvers() {
        ELContext context = context();
        assertThat(resolver.getValue(context, new Result(1, "a"), "missing")).isNull();
        assertThat(resolver.getValue(context, "not a record", "length")).isNull();
        assertThat(resolver.getValue(context, null, "total")).isNull();
        assertThat(context.isPropertyResolved()).isFalse();
    }
}
