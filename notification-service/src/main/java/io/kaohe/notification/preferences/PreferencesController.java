package io.kaohe.notification.preferences;

import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 通知设置: the caller's own choices (nobody else's). */
@RestController
@RequestMapping("/api/notifications/preferences")
@Tag(name = "notification preferences", description = "通知设置 / the caller's channels, quiet hours, digest, language")
class PreferencesController {

    private final Preferences preferences;

    PreferencesController(Preferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    @Operation(summary = "The caller's notification preferences (the defaults until saved)")
    Preference get() {
        return preferences.of(CurrentUser.get().username());
    }

    @PutMapping
    @Operation(summary = "Saves the caller's preferences; faults are refused at their fields")
    Preference put(@RequestBody Preference preference) {
        return preferences.save(CurrentUser.get().username(), preference);
    }
}
