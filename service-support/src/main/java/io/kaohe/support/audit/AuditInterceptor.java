package io.kaohe.support.audit;

import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Tells the audit context which handler answers and who is authenticated, once Spring MVC knows. */
final class AuditInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        AuditContext context = AuditContext.current();
        if (context != null && handler instanceof HandlerMethod method) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            context.handledBy(method,
                    authentication instanceof JwtAuthenticationToken token ? CurrentUser.from(token.getToken()) : null);
        }
        return true;
    }
}
