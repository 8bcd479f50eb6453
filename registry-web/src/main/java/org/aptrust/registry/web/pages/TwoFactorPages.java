package org.aptrust.registry.web.pages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.TwoFactorDao;
import org.aptrust.registry.db.dao.UserAuditDao;
import org.aptrust.registry.db.model.BackupCode;
import org.aptrust.registry.db.model.OutgoingMail;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.TwoFactorState;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.web.auth.SmsSender;
import org.aptrust.registry.web.auth.TwoFactorCodes;
import org.aptrust.registry.web.auth.SessionCookies;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.aptrust.registry.web.mail.AccountMail;
import org.aptrust.registry.web.mail.AccountMessages;
import org.jdbi.v3.core.Jdbi;

/**
 * Two-factor sign-in at the original's URLs. Enrolment: GET/POST /users/2fa_setup (an authenticator app: a QR code
 * from GET /users/2fa_qr, confirmed with a code; or text messages: a number, confirmed with a code texted to it
 * through the {@link SmsSender} at POST /users/confirm_phone; ten backup codes shown once), POST /users/backup_codes
 * (ten new ones). Turning it off: POST /users/2fa_disable (the user, from /users/my_account), POST
 * /users/2fa_reset/:id (an APTrust admin, for a user who lost their phone). Sign-in, while the session awaits its second factor: GET /users/2fa_choose, GET /users/2fa_backup, POST
 * /users/2fa_sms (a texted code, for the original's SMS users) and POST /users/2fa_verify (an authenticator code,
 * a texted code or a backup code; throttled like passwords). Authy push (the original's /users/2fa_push) is not
 * offered.
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class TwoFactorPages {

    static final Duration SMS_VALID = Duration.ofMinutes(15);

    private final Pages pages;
    private final Jdbi jdbi;
    private final TwoFactorCodes codes;
    private final SmsSender sms;
    private final AccountPages account;
    private final AccountMessages messages;

    public TwoFactorPages(Pages pages, Jdbi jdbi, TwoFactorCodes codes, SmsSender sms, AccountPages account,
                          AccountMessages messages) {
        this.pages = pages;
        this.jdbi = jdbi;
        this.codes = codes;
        this.sms = sms;
        this.account = account;
        this.messages = messages;
    }

    /** Every two-factor page: {@code mode} picks the part of the template. */
    public static final class View extends PageView {
        private final String mode;
        private final TwoFactorState state;
        private final String error;
        private final String secret;
        private final List<String> backupCodes;
        private final String notice;
        private String pendingPhone;

        View(PageContext page, String mode, TwoFactorState state, String error, String secret,
             List<String> backupCodes, String notice) {
            super("two_factor.mustache", page);
            this.mode = mode;
            this.state = state;
            this.error = error;
            this.secret = secret;
            this.backupCodes = backupCodes;
            this.notice = notice;
        }

        public boolean setup() {
            return "setup".equals(mode);
        }

        public boolean enrolled() {
            return "enrolled".equals(mode);
        }

        public boolean showCodes() {
            return "codes".equals(mode);
        }

        public boolean choose() {
            return "choose".equals(mode);
        }

        public boolean backup() {
            return "backup".equals(mode);
        }

        public boolean smsSent() {
            return "sms_sent".equals(mode);
        }

        public boolean confirmPhone() {
            return "confirm_phone".equals(mode);
        }

        /** The number being confirmed (its last four digits are shown). */
        View withPendingPhone(String phone) {
            this.pendingPhone = phone;
            return this;
        }

        public String pendingPhoneEnd() {
            String p = pendingPhone == null ? "" : pendingPhone;
            return p.length() <= 4 ? p : "…" + p.substring(p.length() - 4);
        }

        /** The account's phone number, offered for text-message enrolment. */
        public String phoneNumber() {
            return state == null || state.phoneNumber() == null ? "" : state.phoneNumber();
        }

        public boolean hasAuthenticator() {
            return state != null && state.hasAuthenticator();
        }

        public boolean usesSms() {
            return state != null && state.usesSms();
        }

        public String backupCodesLeft() {
            return state == null ? "0" : String.valueOf(state.backupCodesLeft());
        }

        public String phoneEnd() {
            String p = state == null || state.phoneNumber() == null ? "" : state.phoneNumber();
            return p.length() <= 4 ? p : "…" + p.substring(p.length() - 4);
        }

        public String error() {
            return error;
        }

        public String secret() {
            return secret;
        }

        public List<String> backupCodes() {
            return backupCodes;
        }

        public String notice() {
            return notice;
        }
    }

    // ---- enrolment

    @GET
    @Path("2fa_setup")
    public View setupForm(@Context ContainerRequestContext request, @Auth Viewer v) {
        TwoFactorState s = state(v);
        if (s.twoFactorOn()) {
            return view(request, v, "enrolled", s, null, null, null);
        }
        String secret = codes.newSecret();
        long session = session(request);
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.setPendingSecret(session, codes.seal(secret).joined()));
        return view(request, v, "setup", s, null, secret, null);
    }

    /**
     * Confirms an authenticator app (field otp), or, with method=sms and phone_number, starts enrolling text-message
     * codes: a code is texted to the number (through the SmsSender) and POST /users/confirm_phone takes it back.
     * Authy push (method push or onetouch) is not offered: 400.
     */
    @POST
    @Path("2fa_setup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setup(@Context ContainerRequestContext request, @Auth Viewer v, @Context HttpServletRequest servlet,
                          @FormParam("otp") String otp, @FormParam("method") String method,
                          @FormParam("phone_number") String phone) {
        TwoFactorState s = state(v);
        if (s.twoFactorOn()) {
            return Response.seeOther(URI.create("/users/2fa_setup")).build();
        }
        String m = method == null ? "" : method.strip().toLowerCase(java.util.Locale.ROOT);
        switch (m) {
            case "sms" -> {
                return startPhone(request, servlet, v, s, phone);
            }
            case "push", "onetouch" -> {
                return setupPage(request, v, s, 400, "method: Authy push is not offered; choose an authenticator app"
                        + " or text messages");
            }
            case "", "app", "totp" -> {
                // an authenticator app, below
            }
            default -> {
                return setupPage(request, v, s, 400, "method: must be app (an authenticator app) or sms (text"
                        + " messages)");
            }
        }
        long session = session(request);
        Optional<String> pending = jdbi.withExtension(TwoFactorDao.class, dao -> dao.pendingSecret(session));
        if (pending.isEmpty()) {
            return Response.seeOther(URI.create("/users/2fa_setup")).build();
        }
        String secret = codes.open(TwoFactorCodes.Sealed.split(pending.get()));
        String ip = servlet.getRemoteAddr();
        if (pages.auth().secondFactorThrottled(v.email(), ip)) {
            return Response.status(429).entity(view(request, v, "setup", s, "otp: too many wrong codes; wait a few"
                    + " minutes", secret, null)).build();
        }
        OptionalInt step = codes.matchingStep(secret, otp, pages.auth().clock().instant());
        if (step.isEmpty()) {
            pages.auth().secondFactorFailed(v.email(), ip);
            return Response.status(400).entity(view(request, v, "setup", s, "otp: is not the code your app shows"
                    + " now (6 digits)", secret, null)).build();
        }
        List<String> backup = TwoFactorCodes.newBackupCodes();
        TwoFactorCodes.Sealed sealed = codes.seal(secret);
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.enrol(v.id(), session, sealed.cipherText(), sealed.iv(),
                step.getAsInt(), backup.stream().map(TwoFactorCodes::backupHash).toList(), ip));
        return Response.ok(view(request, v, "codes", state(v), null, null, backup)).build();
    }

    /**
     * The first step of text-message enrolment: the number checked (with its country code; ten digits are read as
     * +1), a six-digit code texted to it, valid 15 minutes for this session only. Each text counts in the
     * second-factor throttle, so nobody sends texts without end.
     */
    private Response startPhone(ContainerRequestContext request, HttpServletRequest servlet, Viewer v,
                                TwoFactorState s, String rawPhone) {
        String phone = rawPhone == null ? null : UserForm.normalPhone(rawPhone);
        if (phone == null) {
            return setupPage(request, v, s, 400, "phone_number: must be a phone number with its country code, like"
                    + " +12125551212");
        }
        String ip = servlet.getRemoteAddr();
        if (pages.auth().secondFactorThrottled(v.email(), ip)) {
            return setupPage(request, v, s, 429, "phone_number: too many texts or wrong codes; wait a few minutes");
        }
        pages.auth().secondFactorFailed(v.email(), ip); // counts texts sent; a confirmed code clears it
        String code = TwoFactorCodes.newSmsCode();
        long session = session(request);
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.startPhoneEnrolment(session, phone, Passwords.hash(code),
                SMS_VALID.toSeconds()));
        sms.send(phone, "Your APTrust Registry code to confirm this phone is " + code + ". It expires in "
                + SMS_VALID.toMinutes() + " minutes.");
        return Response.ok(view(request, v, "confirm_phone", s, null, null, null).withPendingPhone(phone)).build();
    }

    /**
     * The original's route: the second step of text-message enrolment. The code texted to the pending number turns
     * two-factor sign-in on with text messages (users.phone_number, authy_status 'sms', enabled_two_factor and
     * confirmed_two_factor) and shows ten backup codes once.
     */
    @POST
    @Path("confirm_phone")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmPhone(@Context ContainerRequestContext request, @Auth Viewer v,
                                 @Context HttpServletRequest servlet, @FormParam("otp") String otp) {
        TwoFactorState s = state(v);
        if (s.twoFactorOn()) {
            return Response.seeOther(URI.create("/users/2fa_setup")).build();
        }
        long session = session(request);
        Optional<String> phone = jdbi.withExtension(TwoFactorDao.class, dao -> dao.pendingPhone(session));
        if (phone.isEmpty()) {
            return setupPage(request, v, s, 400, "phone_number: no phone is waiting to be confirmed; enter your"
                    + " number and we text you a code");
        }
        String ip = servlet.getRemoteAddr();
        if (pages.auth().secondFactorThrottled(v.email(), ip)) {
            return Response.status(429).entity(view(request, v, "confirm_phone", s, "otp: too many texts or wrong"
                    + " codes; wait a few minutes", null, null).withPendingPhone(phone.get())).build();
        }
        Optional<String> texted = jdbi.withExtension(TwoFactorDao.class, dao -> dao.liveSmsCode(session));
        String code = otp == null ? "" : otp.replaceAll("\\s", "");
        if (!code.matches("\\d{6}") || texted.isEmpty() || !Passwords.matches(code, texted.get())) {
            pages.auth().secondFactorFailed(v.email(), ip);
            return Response.status(400).entity(view(request, v, "confirm_phone", s, "otp: is not the code we texted"
                    + " (6 digits; it works for 15 minutes)", null, null).withPendingPhone(phone.get())).build();
        }
        pages.auth().secondFactorSucceeded(v.email());
        List<String> backup = TwoFactorCodes.newBackupCodes();
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.enrolSms(v.id(), session, phone.get(),
                backup.stream().map(TwoFactorCodes::backupHash).toList(), ip));
        return Response.ok(view(request, v, "codes", state(v), null, null, backup)).build();
    }

    /** The enrolment page again (its authenticator key kept, or a new one), with a problem and its status. */
    private Response setupPage(ContainerRequestContext request, Viewer v, TwoFactorState s, int status,
                               String error) {
        long session = session(request);
        Optional<String> pending = jdbi.withExtension(TwoFactorDao.class, dao -> dao.pendingSecret(session));
        String secret;
        if (pending.isPresent()) {
            secret = codes.open(TwoFactorCodes.Sealed.split(pending.get()));
        } else {
            secret = codes.newSecret();
            jdbi.useExtension(TwoFactorDao.class, dao -> dao.setPendingSecret(session, codes.seal(secret).joined()));
        }
        return Response.status(status).entity(view(request, v, "setup", s, error, secret, null)).build();
    }

    /** The QR code of the secret being enrolled in this session (never of an enrolled one). */
    @GET
    @Path("2fa_qr")
    @Produces("image/png")
    public Response qr(@Context ContainerRequestContext request, @Auth Viewer v) {
        long session = session(request);
        Optional<String> pending = jdbi.withExtension(TwoFactorDao.class, dao -> dao.pendingSecret(session));
        if (pending.isEmpty()) {
            throw PageException.notFound();
        }
        byte[] png = codes.qrPng(codes.open(TwoFactorCodes.Sealed.split(pending.get())), v.email());
        return Response.ok(png, "image/png").build();
    }

    @POST
    @Path("backup_codes")
    public Response newBackupCodes(@Context ContainerRequestContext request, @Auth Viewer v,
                                   @Context HttpServletRequest servlet) {
        TwoFactorState s = state(v);
        if (!s.twoFactorOn()) {
            throw PageException.badRequest("Turn two-factor sign-in on first: backup codes are for it.");
        }
        List<String> backup = TwoFactorCodes.newBackupCodes();
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.replaceBackupCodes(v.id(),
                backup.stream().map(TwoFactorCodes::backupHash).toList(), servlet.getRemoteAddr()));
        return Response.ok(view(request, v, "codes", state(v), null, null, backup)).build();
    }

    // ---- turning it off: the user themself, or an APTrust admin's reset

    /**
     * Turns one's own two-factor sign-in off from /users/my_account: the current password and a current
     * authenticator code (or a backup code) are required. Refused (409) while the institution (or an administrator)
     * requires it. Audited, and the user is mailed.
     */
    @POST
    @Path("2fa_disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response turnOff(@Context ContainerRequestContext request, @Auth Viewer v,
                            @Context HttpServletRequest servlet, @FormParam("current_password") String current,
                            @FormParam("otp") String otp) {
        TwoFactorState s = state(v);
        if (!s.twoFactorOn()) {
            return accountPage(request, v, 409, "two_factor", "is not on: there is nothing to turn off");
        }
        if (s.required()) {
            return accountPage(request, v, 409, "two_factor", AccountPages.REQUIRED);
        }
        List<PasswordPages.FieldError> errors = new java.util.ArrayList<>();
        if (current == null || current.isEmpty()) {
            errors.add(new PasswordPages.FieldError("current_password", "is required"));
        }
        if (otp == null || otp.isBlank()) {
            errors.add(new PasswordPages.FieldError("otp", "is required: a code from your authenticator app or one"
                    + " of your backup codes"));
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(account.view(request, v, errors)).build();
        }
        String ip = servlet.getRemoteAddr();
        if (pages.auth().secondFactorThrottled(v.email(), ip)) {
            return accountPage(request, v, 429, "otp", "too many wrong codes; wait a few minutes");
        }
        WebAuth.PasswordCheck check = pages.auth().checkPassword(v, current, ip);
        if (check == WebAuth.PasswordCheck.THROTTLED) {
            return accountPage(request, v, 429, "current_password", "too many wrong attempts: wait a few minutes");
        }
        if (check != WebAuth.PasswordCheck.OK) {
            return accountPage(request, v, 400, "current_password", "is not your current password");
        }
        String strippedOtp = otp.replaceAll("\\s", "");
        String method = strippedOtp.matches("\\d{6}") ? verifyCode(s, session(request), strippedOtp)
                : verifyBackup(v.id(), otp);
        if (method == null) {
            pages.auth().secondFactorFailed(v.email(), ip);
            return accountPage(request, v, 400, "otp", "is neither the code your authenticator app shows now nor one"
                    + " of your unused backup codes");
        }
        pages.auth().secondFactorSucceeded(v.email());
        OutgoingMail notice = offNotice(v.id(), v.email(), v.displayName(), v.email(), ip, "If you want it again,"
                + " turn it on from your account page: " + messages.link("/users/2fa_setup"));
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.turnOff(v.id(), v.id(), "two_factor_disabled",
                "turned off by the user, confirmed with " + method, ip, false, notice));
        return Response.seeOther(URI.create("/users/my_account")).build();
    }

    /**
     * An APTrust admin resets another user's two-factor sign-in (a lost phone): it is off, the authenticator key and
     * backup codes are forgotten, every session of the user ends; audited and mailed. If their institution requires
     * it, the user must enrol again (at once, once its grace period is over) the next time they sign in.
     */
    @POST
    @Path("2fa_reset/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response reset(@Context ContainerRequestContext request, @Auth Viewer v,
                          @Context HttpServletRequest servlet, @PathParam("id") String id) {
        User u = Pages.visible(v, id, pages.daos().users()::find, null, User::institutionId);
        if (u.id() == v.id()) {
            throw PageException.badRequest("Turn your own two-factor sign-in off from your account page"
                    + " (/users/my_account).");
        }
        TwoFactorState s = jdbi.withExtension(TwoFactorDao.class, dao -> dao.state(u.id(),
                pages.auth().twoFactorGrace().toSeconds())).orElseThrow(PageException::notFound);
        if (!s.twoFactorOn() && !s.hasAuthenticator() && s.method() == null && s.backupCodesLeft() == 0) {
            throw new PageException(409, u.email() + " has no two-factor sign-in to reset.");
        }
        String ip = servlet.getRemoteAddr();
        String whatNext = s.required()
                ? "Your account still requires two-factor sign-in: sign in with your password and turn it on again"
                + " (" + messages.link("/users/2fa_setup") + ")."
                : "Sign in with your password; you may turn it on again from your account page ("
                + messages.link("/users/2fa_setup") + ").";
        OutgoingMail notice = offNotice(u.id(), u.email(), u.name() == null || u.name().isBlank() ? u.email()
                : u.name(), v.email() + " (an APTrust administrator)", ip, whatNext);
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.turnOff(u.id(), v.id(), "two_factor_reset_by_admin",
                "reset by an APTrust administrator", ip, true, notice));
        return Response.seeOther(URI.create("/users/show/" + u.id())).build();
    }

    private Response accountPage(ContainerRequestContext request, Viewer v, int status, String field,
                                 String message) {
        return Response.status(status).entity(account.view(request, v, List.of(new PasswordPages.FieldError(field,
                message)))).build();
    }

    private OutgoingMail offNotice(int userId, String email, String name, String changedBy, String ip,
                                   String whatNext) {
        return messages.compose(AccountMail.TWO_FACTOR_OFF, java.util.Map.of("name", name, "changedBy", changedBy,
                "changedAt", Formats.dateTime(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)), "ipAddress", ip,
                "whatNext", whatNext), userId, email);
    }

    // ---- the second factor of a sign-in

    @GET
    @Path("2fa_choose")
    public Response chooseForm(@Context ContainerRequestContext request, @Auth Viewer v) {
        if (!WebAuth.awaitingSecondFactor(request)) {
            return Response.seeOther(URI.create("/dashboard")).build();
        }
        return Response.ok(view(request, v, "choose", state(v), null, null, null)).build();
    }

    @GET
    @Path("2fa_backup")
    public Response backupForm(@Context ContainerRequestContext request, @Auth Viewer v) {
        if (!WebAuth.awaitingSecondFactor(request)) {
            return Response.seeOther(URI.create("/dashboard")).build();
        }
        return Response.ok(view(request, v, "backup", state(v), null, null, null)).build();
    }

    @POST
    @Path("2fa_sms")
    public Response sendSms(@Context ContainerRequestContext request, @Auth Viewer v) {
        if (!WebAuth.awaitingSecondFactor(request)) {
            return Response.seeOther(URI.create("/dashboard")).build();
        }
        TwoFactorState s = state(v);
        if (!s.usesSms()) {
            throw PageException.badRequest("Text-message codes are not set up for your account: use your"
                    + " authenticator app or a backup code.");
        }
        String code = TwoFactorCodes.newSmsCode();
        long session = session(request);
        jdbi.useExtension(TwoFactorDao.class, dao -> dao.setSmsCode(session, Passwords.hash(code),
                SMS_VALID.toSeconds()));
        sms.send(s.phoneNumber(), "Your APTrust Registry sign-in code is " + code + ". It expires in "
                + SMS_VALID.toMinutes() + " minutes.");
        return Response.ok(view(request, v, "sms_sent", s, null, null, null)).build();
    }

    @POST
    @Path("2fa_verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@Context ContainerRequestContext request, @Auth Viewer v,
                           @Context HttpServletRequest servlet,
                           @FormParam("otp") String otp, @FormParam("backup_code") String backupCode) {
        if (!WebAuth.awaitingSecondFactor(request)) {
            return Response.seeOther(URI.create("/dashboard")).build();
        }
        TwoFactorState s = state(v);
        String ip = servlet.getRemoteAddr();
        boolean byBackup = backupCode != null && !backupCode.isBlank();
        String mode = byBackup ? "backup" : "choose";
        if (pages.auth().secondFactorThrottled(v.email(), ip)) {
            return Response.status(429).entity(view(request, v, mode, s, (byBackup ? "backup_code" : "otp")
                    + ": too many wrong codes; wait a few minutes", null, null)).build();
        }
        long session = session(request);
        String method = byBackup ? verifyBackup(v.id(), backupCode) : verifyCode(s, session, otp);
        if (method == null) {
            pages.auth().secondFactorFailed(v.email(), ip);
            return Response.status(400).entity(view(request, v, mode, s, byBackup
                    ? "backup_code: is not one of your unused backup codes"
                    : "otp: is not a valid code (6 digits; a texted code works once, for 15 minutes)", null, null))
                    .build();
        }
        pages.auth().secondFactorSucceeded(v.email());
        jdbi.useTransaction(h -> {
            h.attach(TwoFactorDao.class).secondFactorGiven(session);
            h.attach(UserAuditDao.class).record(v.id(), v.id(), "second_factor_verified", method, ip);
        });
        // back to the page the sign-in started from (a mailed review link), if it is one of ours
        String back = SessionPages.safeNext(SessionCookies.returnPath(request.getCookies()));
        return Response.seeOther(URI.create(back))
                .header(jakarta.ws.rs.core.HttpHeaders.SET_COOKIE, pages.cookies().forgetReturnTo()).build();
    }

    /** The method that accepted the code, or null. An authenticator code's time step works once. */
    private String verifyCode(TwoFactorState s, long session, String otp) {
        if (s.hasAuthenticator()) {
            String secret = codes.open(new TwoFactorCodes.Sealed(s.encryptedOtpSecret(), s.encryptedOtpSecretIv()));
            OptionalInt step = codes.matchingStep(secret, otp, pages.auth().clock().instant());
            if (step.isPresent() && jdbi.withExtension(TwoFactorDao.class,
                    dao -> dao.consumeTimestep(s.id(), step.getAsInt())) == 1) {
                return "authenticator app";
            }
        }
        Optional<String> texted = jdbi.withExtension(TwoFactorDao.class, dao -> dao.liveSmsCode(session));
        if (otp != null && otp.strip().matches("\\d{6}") && texted.isPresent()
                && Passwords.matches(otp.strip(), texted.get())) {
            return "text message";
        }
        return null;
    }

    private String verifyBackup(int userId, String code) {
        byte[] hash = TwoFactorCodes.backupHash(code);
        List<BackupCode> unused = jdbi.withExtension(TwoFactorDao.class, dao -> dao.unusedBackupCodes(userId));
        BackupCode match = null;
        for (BackupCode c : unused) { // every one compared, in constant time
            if (java.security.MessageDigest.isEqual(c.codeHash(), hash)) {
                match = c;
            }
        }
        if (match == null) {
            return null;
        }
        long id = match.id();
        return jdbi.withExtension(TwoFactorDao.class, dao -> dao.spendBackupCode(id)) == 1 ? "backup code" : null;
    }

    // ---- shared

    private TwoFactorState state(Viewer v) {
        return jdbi.withExtension(TwoFactorDao.class, dao -> dao.state(v.id(), pages.auth().twoFactorGrace()
                .toSeconds())).orElseThrow(PageException::notFound);
    }

    private static long session(ContainerRequestContext request) {
        return WebAuth.sessionId(request).orElseThrow(() -> new IllegalStateException("no live session"));
    }

    private View view(ContainerRequestContext request, Viewer v, String mode, TwoFactorState s, String error,
                      String secret, List<String> backupCodes) {
        String notice = null;
        if ("setup".equals(mode) && s.required()) {
            notice = s.due() == null ? "Your institution requires two-factor sign-in: turn it on to go on."
                    : "Your institution requires two-factor sign-in: turn it on by " + Formats.dateTime(s.due())
                    + " UTC; after that you can do nothing else until you do.";
        }
        String title = switch (mode) {
            case "choose", "backup", "sms_sent" -> "Second step of sign-in";
            case "confirm_phone" -> "Confirm your phone";
            case "codes" -> "Your backup codes";
            default -> "Two-factor sign-in";
        };
        return new View(pages.context(request, title, v), mode, s, error, secret, backupCodes, notice);
    }
}
