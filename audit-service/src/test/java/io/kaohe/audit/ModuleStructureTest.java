package io.kaohe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's feature packages as Spring Modulith sees them: no cycles between them, and each uses
 * only the others' top-level (API) types, never their sub-packages' internals.
 */
class ModuleStructureTest {

    @Test
    void featurePackagesHaveNoCyclesAndUseOnlyEachOthersTopLevelTypes() {
        ApplicationModules modules = ApplicationModules.of(AuditServiceApplication.class);
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("chain", "intake", "monitoring", "retention", "search");
        modules.verify();
    }
}
