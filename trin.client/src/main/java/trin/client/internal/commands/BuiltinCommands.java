package trin.client.internal.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.command.Command;
import trin.api.command.Reply;
import trin.api.command.ResultCode;
import trin.client.internal.settings.Setting;

/** The client's own commands, on PID {@code 0}, from the server only. */
public final class BuiltinCommands {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinCommands.class);
    private static final Set<Setting> WRITABLE = Set.of(Setting.USE_RTC, Setting.PDR_INTERVAL, Setting.KEEP_ALIVE,
            Setting.DEFAULT_QOS, Setting.CLEAN_SESSION);

    private final Control control;

    public BuiltinCommands(Control control) {
        this.control = control;
    }

    Reply handle(Command c) {
        LOG.info("Built-in command {} from {}", c.name(), c.sender());
        try {
            return switch (c.name()) {
                case "data_write" -> dataWrite(c);
                case "set_pdr_interval" -> set(Setting.PDR_INTERVAL, c, "OK. Set PDR to: %s sec.", true);
                case "set_use_rtc" -> set(Setting.USE_RTC, c, "OK. Set use_rtc to: %s", false);
                case "set_ping_interval" -> set(Setting.KEEP_ALIVE, c, "OK. Set keep-alive to: %s sec.", false);
                case "set_clean_session" -> set(Setting.CLEAN_SESSION, c, "OK. Set clean session to: %s", false);
                case "set_host" -> set(Setting.HOST, c, "OK. Set host to: %s", false);
                case "take_a_break" -> takeBreak(c);
                case "get" -> get(c);
                case "pub_full_data" -> done(control::publishFullData);
                case "pub_all_settings" -> done(control::publishSettings);
                case "pup_ip_address", "pub_ip_address" -> done(control::publishIpAddresses);
                case "reboot_hardware" -> later(control::rebootLater, "OK. Rebooting in %d sec.");
                case "restart_client" -> later(control::restartLater, "OK. Restarting the client in %d sec.");
                case "upgrade_client" -> control.upgradeLater()
                        .map(why -> Reply.failure(ResultCode.F_ERROR.code(), "upgrade refused: " + why))
                        .orElseGet(() -> Reply.ok("OK. Upgrading the client."));
                case "add_trusted_sender" -> trusted(c, true);
                case "remove_trusted_sender" -> trusted(c, false);
                case "clear_all_trusted_sender" -> clearTrusted();
                default -> Reply.unknownCommand();
            };
        } catch (BadArgument e) {
            return Reply.failure(e.code, e.getMessage());
        }
    }

    private Reply dataWrite(Command c) {
        Object path = arg(c, 0, "a path");
        if (!"/settings".equals(path)) {
            return Reply.failure(ResultCode.F_DW_NOT_EXPOSED.code(), path + " is not exposed");
        }
        if (!(arg(c, 1, "an object of settings") instanceof Map<?, ?> values) || values.isEmpty()) {
            throw new BadArgument(ResultCode.F_ERROR, "data_write needs an object of settings");
        }
        List<Setting> settings = new ArrayList<>();
        for (Object key : values.keySet()) {
            Optional<Setting> setting = Setting.byName(String.valueOf(key)).filter(WRITABLE::contains);
            if (setting.isEmpty()) {
                return Reply.failure(ResultCode.F_DW_NOT_EXPOSED.code(), key + " is not exposed");
            }
            settings.add(setting.get());
        }
        List<String> written = new ArrayList<>();
        for (Setting setting : settings) {
            Object value = values.get(setting.protocolName());
            change(setting, value);
            written.add(setting.protocolName() + "=" + value);
        }
        return Reply.ok("OK. Settings written: " + String.join(", ", written));
    }

    private Reply set(Setting setting, Command c, String text, boolean publish) {
        Object value = arg(c, 0, "a value");
        change(setting, value);
        if (publish) {
            control.publishSetting(setting);
        }
        return Reply.ok(String.format(text, control.settings().value(setting)));
    }

    private void change(Setting setting, Object value) {
        try {
            control.change(setting, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            ResultCode code = setting == Setting.USE_RTC || setting == Setting.CLEAN_SESSION
                    ? ResultCode.F_NOT_A_BOOLEAN : ResultCode.F_ERROR;
            throw new BadArgument(code, e.getMessage());
        }
    }

    private Reply takeBreak(Command c) {
        Object value = arg(c, 0, "seconds");
        long seconds;
        try {
            seconds = Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new BadArgument(ResultCode.F_ERROR, "not a number of seconds: " + value);
        }
        if (seconds < 0 || seconds > Duration.ofDays(7).toSeconds()) {
            throw new BadArgument(ResultCode.F_ERROR, "a break lasts 0 to 604800 seconds, not " + seconds);
        }
        control.takeBreak(Duration.ofSeconds(seconds));
        return Reply.ok("OK. Taking a break of " + seconds + " sec.");
    }

    private Reply get(Command c) {
        Object name = c.arg(0).orElse(null);
        if (name instanceof String key) {
            Optional<Setting> setting = Setting.byName(key);
            if (setting.isPresent()) {
                return Reply.ok(control.settings().value(setting.get()));
            }
            Map<String, Object> status = control.statusFields();
            if (status.containsKey(key)) {
                return Reply.ok(status.get(key));
            }
        }
        return Reply.failure(ResultCode.F_VAR_NOT_EXP.code(), name + " is not exposed");
    }

    private Reply trusted(Command c, boolean add) {
        Object uid = arg(c, 0, "a UID");
        if (!(uid instanceof String s) || s.isBlank() || s.contains(",")) {
            throw new BadArgument(ResultCode.F_ERROR, "not a UID: " + uid);
        }
        Set<String> senders = new LinkedHashSet<>(control.settings().trustedSenders());
        boolean changed = add ? senders.add(s.trim()) : senders.remove(s.trim());
        if (changed) {
            control.change(Setting.TRUSTED_SENDERS, String.join(",", senders));
        }
        control.publishSetting(Setting.TRUSTED_SENDERS);
        return Reply.ok("OK. Trusted senders: " + String.join(",", control.settings().trustedSenders()));
    }

    private Reply clearTrusted() {
        control.change(Setting.TRUSTED_SENDERS, "");
        control.publishSetting(Setting.TRUSTED_SENDERS);
        return Reply.ok("OK. Cleared all trusted senders.");
    }

    private Reply later(Runnable action, String text) {
        action.run();
        return Reply.ok(String.format(text, control.actionDelay().toSeconds()));
    }

    private static Reply done(Runnable action) {
        return done(action, "OK.");
    }

    private static Reply done(Runnable action, String text) {
        action.run();
        return Reply.ok(text);
    }

    private static Object arg(Command c, int index, String what) {
        return c.arg(index).orElseThrow(() -> new BadArgument(ResultCode.F_ERROR, c.name() + " needs " + what));
    }

    /** A command's argument that cannot be used; its message is the reply's reason. */
    private static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        BadArgument(ResultCode code, String message) {
            super(message, null, false, false);
            this.code = code.code();
        }
    }
}
