package io.kaohe.support.audit.trail;

import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.SecurityAudit;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A minimal service whose writes, export, refusals and failure are audited the way every service's are. */
@SpringBootApplication
class AuditTrailTestApplication {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.DELETE, "/api/notes/*").hasRole("leader")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }

    @Service
    static class Notes {

        private final JdbcClient db;

        Notes(JdbcClient db) {
            this.db = db;
        }

        @Transactional
        public UUID write(String text) {
            UUID id = UUID.randomUUID();
            db.sql("insert into note (id, text) values (?, ?)").params(id, text).update();
            AuditTrail.object("write-note", "note", id.toString());
            AuditTrail.change(null, Map.of("text", text));
            return id;
        }

        @Transactional
        public void writeThenRefuse(String text) {
            write(text);
            throw ProblemException.badRequest("notes.refused");
        }

        @Transactional(readOnly = true)
        public String read(UUID id) {
            return db.sql("select text from note where id = ?").param(id).query(String.class).single();
        }
    }

    @RestController
    static class NotesController {

        private final Notes notes;
        private final SecurityAudit audit;

        NotesController(Notes notes, SecurityAudit audit) {
            this.notes = notes;
            this.audit = audit;
        }

        @PostMapping("/api/notes")
        ResponseEntity<Map<String, String>> write(@RequestBody Map<String, String> body) {
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", notes.write(body.get("text")).toString()));
        }

        @PostMapping("/api/notes/refused")
        void refused(@RequestBody Map<String, String> body) {
            notes.writeThenRefuse(body.get("text"));
        }

        @GetMapping("/api/notes/{noteId}")
        Map<String, String> read(@PathVariable UUID noteId) {
            return Map.of("text", notes.read(noteId));
        }

        @GetMapping("/api/notes/{noteId}/export")
        @Audited(action = "export", object = "note")
        ResponseEntity<StreamingResponseBody> export(@PathVariable UUID noteId) {
            String text = notes.read(noteId);
            return ResponseEntity.ok().body(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        }

        @GetMapping("/api/notes/{noteId}/hidden")
        void hidden(@PathVariable UUID noteId, HttpServletRequest request) {
            audit.deniedObject(CurrentUser.get(), request.getMethod(), request.getRequestURI(), 404, "not theirs");
            throw ProblemException.notFound("notes.not-found", noteId);
        }

        @DeleteMapping("/api/notes/{noteId}")
        void delete(@PathVariable UUID noteId) {
            throw new IllegalStateException("only reached by a leader");
        }
    }
}
