package io.kaohe.support.production;

import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up refused in production: every setting at fault, with what to set it to. */
public final class UnsafeProductionSettings extends RuntimeException {

    static final String ACTION = "在 kaohe.env（单机安装）或 Kubernetes Secret（集群安装）中设置上述变量后重新启动；"
            + "见安装说明 INSTALL.zh-CN.md。 / Set the variables above in kaohe.env (single server) or in the "
            + "Kubernetes Secret (cluster) and start again; see INSTALL.en.md.";

    private final List<String> faults;

    UnsafeProductionSettings(List<String> faults) {
        super("生产模式拒绝启动，以下设置不安全或缺失 / production mode refuses to start, these settings are unsafe or "
                + "missing:\n  - " + String.join("\n  - ", faults));
        this.faults = List.copyOf(faults);
    }

    public List<String> faults() {
        return faults;
    }

    /** Prints the faults and what to do as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<UnsafeProductionSettings> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionSettings cause) {
            return new FailureAnalysis(cause.getMessage(), ACTION, cause);
        }
    }
}
