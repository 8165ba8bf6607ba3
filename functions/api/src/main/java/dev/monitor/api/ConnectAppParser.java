package dev.monitor.api;

import dev.monitor.connect.ConnectApp;
import dev.monitor.connect.ConnectAppChange;
import dev.monitor.connect.ConnectAppProfile;
import dev.monitor.connect.ConnectAppSpec;
import dev.monitor.connect.ConnectAppUrls;
import dev.monitor.connect.Permission;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Twilio's form of a Connect app, for Monitor's create ({@code POST …/ConnectApps.json}) and Twilio's update
 * ({@code POST …/ConnectApps/{Sid}.json}). Every problem is named in one 400, each URL's refusal among them: that check
 * is the domain's, which it makes again on what this lets through, so here it is asked only when the request is
 * refused anyway (the callback's resolves its host).
 */
final class ConnectAppParser {
    static final Set<String> FIELDS = Set.of(
            "FriendlyName",
            "CompanyName",
            "Description",
            "HomepageUrl",
            "AuthorizeRedirectUrl",
            "DeauthorizeCallbackUrl",
            "DeauthorizeCallbackMethod",
            "Permissions");

    private final ConnectAppUrls urls;

    ConnectAppParser(ConnectAppUrls urls) {
        this.urls = urls;
    }

    ConnectAppSpec create(Map<String, List<String>> form) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> name = text(form, "FriendlyName", ConnectApp.MAX_FRIENDLY_NAME_LENGTH, errors);
        if (name.isEmpty() && !form.containsKey("FriendlyName")) {
            errors.add(FieldError.of("FriendlyName", "is required"));
        }
        ConnectAppProfile profile = new ConnectAppProfile(
                name.orElse(""),
                optionalText(form, "CompanyName", ConnectApp.MAX_COMPANY_NAME_LENGTH, errors),
                optionalText(form, "Description", ConnectApp.MAX_DESCRIPTION_LENGTH, errors),
                optionalText(form, "HomepageUrl", Integer.MAX_VALUE, errors));
        Optional<String> redirect = last(form, "AuthorizeRedirectUrl").filter(url -> !url.isBlank());
        if (redirect.isEmpty()) {
            errors.add(FieldError.of("AuthorizeRedirectUrl", "is required: browsers go there once a user decides"));
        }
        Optional<String> callback = optionalText(form, "DeauthorizeCallbackUrl", Integer.MAX_VALUE, errors);
        String method = method(form, errors).orElse("POST");
        Optional<Set<Permission>> permissions = permissions(form, errors);
        if (permissions.isEmpty() && !form.containsKey("Permissions")) {
            errors.add(FieldError.of("Permissions", "is required: get-all, post-all or both"));
        }
        refuse(errors, redirect, profile.homepageUrl(), callback);
        return new ConnectAppSpec(profile, redirect.orElseThrow(), callback, method, permissions.orElseThrow());
    }

    ConnectAppChange change(Map<String, List<String>> form) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> name = text(form, "FriendlyName", ConnectApp.MAX_FRIENDLY_NAME_LENGTH, errors);
        Optional<String> company = clearable(form, "CompanyName", ConnectApp.MAX_COMPANY_NAME_LENGTH, errors);
        Optional<String> description = clearable(form, "Description", ConnectApp.MAX_DESCRIPTION_LENGTH, errors);
        Optional<String> homepage = clearable(form, "HomepageUrl", Integer.MAX_VALUE, errors);
        Optional<String> redirect = last(form, "AuthorizeRedirectUrl");
        if (redirect.filter(String::isBlank).isPresent()) {
            errors.add(
                    FieldError.of("AuthorizeRedirectUrl", "cannot be removed: browsers go there once a user decides"));
        }
        Optional<String> callback = clearable(form, "DeauthorizeCallbackUrl", Integer.MAX_VALUE, errors);
        Optional<String> method = method(form, errors);
        Optional<Set<Permission>> permissions = permissions(form, errors);
        refuse(
                errors,
                redirect.filter(url -> !url.isBlank()),
                homepage.filter(url -> !url.isEmpty()),
                callback.filter(url -> !url.isEmpty()));
        return new ConnectAppChange(name, company, description, homepage, redirect, callback, method, permissions);
    }

    /**
     * Refuses the request if anything in it is wrong, naming the URLs the domain refuses too, after the form's
     * problems.
     */
    private void refuse(
            List<FieldError> errors, Optional<String> redirect, Optional<String> homepage, Optional<String> callback) {
        if (errors.isEmpty()) {
            return;
        }
        refusal(errors, "AuthorizeRedirectUrl", redirect, urls::redirectRefusal);
        refusal(errors, "HomepageUrl", homepage, urls::homepageRefusal);
        refusal(errors, "DeauthorizeCallbackUrl", callback, urls::callbackRefusal);
        throw DomainException.Invalid.fields(errors);
    }

    private static void refusal(
            List<FieldError> errors, String field, Optional<String> url, Function<String, Optional<String>> rule) {
        if (errors.stream().noneMatch(error -> error.field().equals(field))) {
            url.flatMap(rule).ifPresent(problem -> errors.add(FieldError.of(field, problem)));
        }
    }

    private static Optional<String> last(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** A text field given, which may not be empty, of at most {@code max} characters. */
    private static Optional<String> text(
            Map<String, List<String>> form, String name, int max, List<FieldError> errors) {
        Optional<String> value = last(form, name);
        if (value.filter(String::isBlank).isPresent()) {
            errors.add(FieldError.of(name, "must not be empty"));
            return Optional.empty();
        }
        return value.filter(given -> fits(name, given, max, errors));
    }

    /** An optional text field of a new app: absent, or empty, leaves it out. */
    private static Optional<String> optionalText(
            Map<String, List<String>> form, String name, int max, List<FieldError> errors) {
        return last(form, name).filter(value -> !value.isEmpty()).filter(value -> fits(name, value, max, errors));
    }

    /** An optional text field of a change: empty removes it. */
    private static Optional<String> clearable(
            Map<String, List<String>> form, String name, int max, List<FieldError> errors) {
        return last(form, name).filter(value -> fits(name, value, max, errors));
    }

    private static boolean fits(String name, String value, int max, List<FieldError> errors) {
        if (value.length() > max) {
            errors.add(FieldError.of(name, "must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static Optional<String> method(Map<String, List<String>> form, List<FieldError> errors) {
        return last(form, "DeauthorizeCallbackMethod")
                .map(value -> value.toUpperCase(Locale.ROOT))
                .filter(method -> {
                    boolean valid = ConnectApp.CALLBACK_METHODS.contains(method);
                    if (!valid) {
                        errors.add(FieldError.of(
                                "DeauthorizeCallbackMethod", "must be GET or POST (got '" + method + "')"));
                    }
                    return valid;
                });
    }

    /** Twilio's list: the field repeated ({@code Permissions=get-all&Permissions=post-all}), or values by commas. */
    private static Optional<Set<Permission>> permissions(Map<String, List<String>> form, List<FieldError> errors) {
        List<String> given = form.get("Permissions");
        if (given == null) {
            return Optional.empty();
        }
        List<Permission> permissions = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String value : given) {
            for (String part : value.split(",", -1)) {
                String name = part.strip();
                if (!name.isEmpty()) {
                    Permission.fromWire(name).ifPresentOrElse(permissions::add, () -> unknown.add(name));
                }
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(FieldError.of(
                    "Permissions", "must be get-all or post-all (got '" + String.join("', '", unknown) + "')"));
            return Optional.empty();
        }
        if (permissions.isEmpty()) {
            errors.add(FieldError.of("Permissions", "must name get-all, post-all or both"));
            return Optional.empty();
        }
        return Optional.of(Permission.setOf(permissions));
    }
}
