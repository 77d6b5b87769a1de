package io.kaohe.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/production/docker-compose.yml checked by Debian's docker-compose (1.29: its {@code config}
 * validates the file against the compose schema and resolves every variable, without a Docker engine),
 * with .env.example as the team's .env; then the resolved stack's shape. Nothing is started.
 */
class ComposeFileIT {

    static final Path DIR = HelmChartTest.root().resolve("deploy/production");
    static final String COMPOSE = System.getenv().getOrDefault("DOCKER_COMPOSE_PATH", "/usr/bin/docker-compose");
    static final List<String> APPS = HelmChartTest.APPS;

    @Test
    void theComposeFileIsValidWithTheExampleSettingsWithAndWithoutThePilotServers() throws Exception {
        assertThat(Path.of(COMPOSE)).as("the compose file is checked with Debian's docker-compose: apt-get install -y "
                + "--no-install-recommends docker-compose (or set DOCKER_COMPOSE_PATH); .ci/run installs it").isExecutable();
        assertThat(compose(DIR.resolve(".env.example"), "config", "-q").exitCode).isZero();
        Result pilot = compose(DIR.resolve(".env.example"), "--profile", "pilot", "config", "--services");
        assertThat(pilot.exitCode).as(pilot.output).isZero();
        assertThat(pilot.output.lines().toList()).containsAll(APPS)
                .contains("redis", "nginx", "postgres", "kafka", "minio", "keycloak");
    }

    @Test
    void onlyNginxFacesTheNetworkAndEveryApplicationRunsLockedDown() throws Exception {
        JsonNode services = resolved(DIR.resolve(".env.example")).get("services");
        services.properties().forEach(service -> {
            if (!service.getKey().equals("nginx")) {
                assertThat(service.getValue().has("ports")).as(service.getKey() + " publishes no port").isFalse();
            }
        });
        for (String app : APPS) {
            JsonNode service = services.get(app);
            assertThat(service.get("read_only").asBoolean()).as(app).isTrue();
            assertThat(service.get("cap_drop")).extracting(JsonNode::asText).as(app).containsExactly("ALL");
            assertThat(service.get("security_opt")).extracting(JsonNode::asText).as(app).contains("no-new-privileges:true");
            assertThat(service.at("/environment/SPRING_PROFILES_ACTIVE").asText()).as(app).isEqualTo("production");
            assertThat(service.at("/build/args/BASE_IMAGE").asText()).as(app).isEqualTo("eclipse-temurin:17-jre");
            assertThat(service.has("healthcheck")).as(app).isTrue();
        }
        assertThat(services.at("/gateway/environment/KAOHE_SESSION_STORE").asText()).isEqualTo("redis");
        assertThat(services.at("/evidence-service/environment/S3_PATH_STYLE").asText()).isEqualTo("true");
    }

    @Test
    void theAuditServiceMigratesAsTheOwnerWritesAsTheAppendOnlyRoleAndArchivesToAVolume() throws Exception {
        JsonNode services = resolved(DIR.resolve(".env.example")).get("services");
        JsonNode audit = services.get("audit-service");
        assertThat(audit.at("/environment/DB_URL").asText()).endsWith("/audit");
        assertThat(audit.at("/environment/DB_MIGRATION_USER").asText()).isNotBlank();
        assertThat(audit.at("/environment/AUDIT_RUNTIME_ROLE").asText()).isEqualTo("kaohe_audit_runtime");
        assertThat(audit.at("/environment/AUDIT_RETENTION").asText()).isEqualTo("P180D");
        String archive = audit.at("/environment/AUDIT_ARCHIVE_DIR").asText();
        assertThat(archive).startsWith("/");
        assertThat(audit.get("volumes").toString()).as("the archive is a named volume, not the read-only root")
                .contains("audit-archive:" + archive);
        assertThat(services.at("/gateway/environment/AUDIT_URL").asText()).isEqualTo("http://audit-service:8086");
        assertThat(services.at("/gateway/depends_on").toString()).contains("audit-service");
        assertThat(audit.at("/healthcheck/test").toString()).contains("127.0.0.1/9086");
        assertThat(audit.at("/environment/DB_USER").asText()).isEqualTo("kaohe_audit_runtime");
        assertThat(audit.at("/environment/DB_MIGRATION_USER").asText()).isEqualTo("kaohe_audit");
        assertThat(Files.readString(DIR.resolve("pilot/create-databases.sql")))
                .contains("CREATE DATABASE audit OWNER :\"audit_owner\";");
        assertThat(Files.readString(DIR.resolve("Dockerfile"))).as("the archive folder belongs to the application's user")
                .contains("chown 10001:10001 /var/lib/kaohe/audit-archive");

        Path env = Files.createTempFile("kaohe-compose", ".env");
        Files.writeString(env, Files.readString(DIR.resolve(".env.example"))
                .replaceAll("(?m)^AUDIT_KEYCLOAK_ADMIN_URL=.*\n", ""));
        Result missing = compose(env, "config", "-q");
        Files.delete(env);
        assertThat(missing.exitCode).isNotZero();
        assertThat(missing.output).contains("AUDIT_KEYCLOAK_ADMIN_URL: Keycloak's admin API");
    }

    @Test
    void thePilotKeycloakChecksAPooledConnectionBeforeUseAndEveryMountedPilotFileIsThere() throws Exception {
        JsonNode services = resolved(DIR.resolve(".env.example")).get("services");
        assertThat(services.at("/keycloak/volumes").toString())
                .contains("/opt/keycloak/conf/quarkus.properties");
        assertThat(Files.readString(DIR.resolve("pilot/keycloak-conf/quarkus.properties")))
                .contains("quarkus.datasource.jdbc.validate-on-borrow=true");
        // docker-compose 1.29 resolves a bind mount's source to an absolute path; a file of pilot/ missing from the
        // repository would be made a directory by the engine (tls/ and the like are the operator's to provide).
        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith(DIR.toAbsolutePath().resolve("pilot").toString())) {
                    assertThat(Path.of(source)).as("a mounted file or folder of pilot/").exists();
                }
            }
        }
    }

    @Test
    void eachServiceLogsInAsItsOwnDatabaseRoleAndNoneAsTheSuperuser() throws Exception {
        JsonNode services = resolved(DIR.resolve(".env.example")).get("services");
        String superuser = services.at("/postgres/environment/POSTGRES_USER").asText();
        assertThat(superuser).isEqualTo("postgres");
        java.util.Set<String> users = new java.util.HashSet<>();
        for (String app : APPS) {
            if (app.equals("gateway")) {
                assertThat(services.at("/gateway/environment").has("DB_USER")).isFalse();
                continue;
            }
            String database = services.at("/" + app + "/environment/DB_URL").asText().replaceAll(".*/", "");
            String user = services.at("/" + app + "/environment/DB_USER").asText();
            assertThat(user).as(app).isEqualTo(database.equals("audit") ? "kaohe_audit_runtime" : "kaohe_" + database);
            assertThat(users.add(user)).as(app + "'s role is its own").isTrue();
            assertThat(services.at("/" + app + "/environment/DB_PASSWORD").asText()).as(app)
                    .isEqualTo(services.at("/postgres/environment/" + (database.equals("audit") ? "AUDIT" : database.toUpperCase())
                            + "_DB_PASSWORD").asText()).startsWith("change-me-" + database);
        }
        assertThat(services.at("/keycloak/environment/KC_DB_USERNAME").asText()).isEqualTo("kaohe_keycloak");
        assertThat(users).doesNotContain(superuser, "kaohe_keycloak");

        Path env = Files.createTempFile("kaohe-compose", ".env");
        Files.writeString(env, Files.readString(DIR.resolve(".env.example")).replaceAll("(?m)^SCORING_DB_PASSWORD=.*\n", ""));
        Result missing = compose(env, "config", "-q");
        Files.delete(env);
        assertThat(missing.exitCode).isNotZero();
        assertThat(missing.output).contains("SCORING_DB_PASSWORD: the password of SCORING_DB_USER (kaohe_scoring)");
    }

    @Test
    void imagesComeFromTheRegistryTheTeamNames() throws Exception {
        Path env = Files.createTempFile("kaohe-compose", ".env");
        Files.writeString(env, Files.readString(DIR.resolve(".env.example"))
                .replace("IMAGE_REGISTRY=\n", "IMAGE_REGISTRY=registry.example.gov.cn/library/\n")
                .replace("KAOHE_IMAGE_PREFIX=kaohe/", "KAOHE_IMAGE_PREFIX=registry.example.gov.cn/kaohe/"));
        JsonNode services = resolved(env).get("services");
        List<String> images = new ArrayList<>();
        services.properties().forEach(s -> images.add(s.getValue().get("image").asText()));
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image).startsWith("registry.example.gov.cn/"));
        assertThat(services.at("/workflow/build/args/BASE_IMAGE").asText())
                .isEqualTo("registry.example.gov.cn/library/eclipse-temurin:17-jre");
        Files.delete(env);
    }

    @Test
    void aMissingSecretStopsTheConfigurationWithItsName() throws Exception {
        Path env = Files.createTempFile("kaohe-compose", ".env");
        Files.writeString(env, Files.readString(DIR.resolve(".env.example")).replaceAll("(?m)^KAOHE_SERVICES_SECRET=.*\n", ""));
        Result result = compose(env, "config", "-q");
        Files.delete(env);
        assertThat(result.exitCode).isNotZero();
        assertThat(result.output).contains("KAOHE_SERVICES_SECRET: openssl rand -hex 32");
    }

    @Test
    void theImageRecipeTakesItsBaseImageAsABuildArgumentAndRunsAsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("Dockerfile")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines.get(0)).startsWith("ARG BASE_IMAGE=");
        assertThat(lines.get(1)).isEqualTo("FROM ${BASE_IMAGE}");
        assertThat(lines).anyMatch(l -> l.matches("USER [1-9][0-9]*:[1-9][0-9]*"));
    }

    private record Result(int exitCode, String output) {
    }

    private static JsonNode resolved(Path env) throws Exception {
        Result config = compose(env, "--profile", "pilot", "config");
        assertThat(config.exitCode).as(config.output).isZero();
        return new YAMLMapper().readTree(config.output);
    }

    private static Result compose(Path env, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(COMPOSE, "--project-directory", DIR.toString(),
                "-f", DIR.resolve("docker-compose.yml").toString(), "--env-file", env.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("kaohe-compose", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        // No engine is asked for anything: config only reads the files.
        builder.environment().remove("DOCKER_HOST");
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("docker-compose config finishes").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(process.exitValue(), output);
    }
}
