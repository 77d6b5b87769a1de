package io.kaohe.workflow.inbox;

import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may receive a delegated task: the people who called workflow, with the task groups their
 * token gave them the last time (see {@link TaskAccess#groups}). Workflow has no directory of its
 * own, and a token is the only trustworthy statement of someone's unit, department and role; so a
 * colleague is delegated to only once they have signed in to the platform, and as what they were then.
 */
@Component
class TaskPeople implements HandlerInterceptor, WebMvcConfigurer {

    private final JdbcClient db;
    /** What was last written per person, so a call writes only when the groups changed. */
    private final Map<String, List<String>> written = new ConcurrentHashMap<>();

    TaskPeople(JdbcClient db) {
        this.db = db;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/workflow/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
            seen(CurrentUser.get());
        }
        return true;
    }

    void seen(CurrentUser user) {
        List<String> groups = TaskAccess.groups(user);
        if (user.username() == null || groups.equals(written.get(user.username()))) {
            return;
        }
        db.sql("""
                insert into task_person (username, groups) values (?, ?)
                on conflict (username) do update set groups = excluded.groups, seen_at = now()
                """).params(user.username(), groups.toArray(String[]::new)).update();
        written.put(user.username(), groups);
    }

    /** The person's task groups as of their latest call; empty if workflow never saw them. */
    Optional<List<String>> groupsOf(String username) {
        return db.sql("select groups from task_person where username = ?").param(username)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).optional();
    }
}
