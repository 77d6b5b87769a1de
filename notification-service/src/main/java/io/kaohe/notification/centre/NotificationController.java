package io.kaohe.notification.centre;

import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 站内信: the caller's notifications, the unread count for the bell, marking read. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "notification centre", description = "站内信：列表、未读数、标记已读 / the caller's notifications")
@Validated
class NotificationController {

    private final NotificationCentre centre;

    NotificationController(NotificationCentre centre) {
        this.centre = centre;
    }

    @GetMapping
    @Operation(summary = "The caller's notifications, unread first, newest first, in the caller's language")
    NotificationView.Page list(@RequestParam(defaultValue = "false") boolean unread,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return centre.page(CurrentUser.get(), unread, page, size, LocaleContextHolder.getLocale());
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread (the bell's number)")
    NotificationView.Unread unreadCount() {
        return new NotificationView.Unread(centre.unread(CurrentUser.get()));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one notification read; another person's is answered 404")
    ResponseEntity<Void> markRead(@PathVariable String id, HttpServletRequest request) {
        centre.markRead(CurrentUser.get(), id, request.getMethod(), request.getRequestURI());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks every notification of the caller read")
    NotificationView.Marked markAllRead() {
        return new NotificationView.Marked(centre.markAllRead(CurrentUser.get()));
    }
}
