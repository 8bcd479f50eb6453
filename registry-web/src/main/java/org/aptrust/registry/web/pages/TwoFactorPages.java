package org.aptrust.registry.web.pages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.dao.TwoFactorDao;
import org.aptrust.registry.db.dao.UserAuditDao;
import org.aptrust.registry.db.model.BackupCode;
import org.aptrust.registry.db.model.TwoFactorState;
import org.aptrust.registry.web.auth.SmsSender;
import org.aptrust.registry.web.auth.TwoFactorCodes;
import org.aptrust.registry.web.auth.SessionCookies;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.jdbi.v3.core.Jdbi;

/**
 * Two-factor sign-in at the original's URLs. Enrolment: GET/POST /users/2fa_setup (an authenticator app: a QR code
 * from GET /users/2fa_qr, confirmed with a code; ten backup codes shown once), POST /users/backup_codes (ten new
 * ones). Sign-in, while the session awaits its second factor: GET /users/2fa_choose, GET /users/2fa_backup, POST
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

    public TwoFactorPages(Pages pages, Jdbi jdbi, TwoFactorCodes codes, SmsSender sms) {
        this.pages = pages;
        this.jdbi = jdbi;
        this.codes = codes;
        this.sms = sms;
    }

    /** Every two-factor page: {@code mode} picks the part of the template. */
    public static final class View extends PageView {
        private final String mode;
        private final TwoFactorState state;
        private final String error;
        private final String secret;
        private final List<String> backupCodes;
        private final String notice;

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

    @POST
    @Path("2fa_setup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setup(@Context ContainerRequestContext request, @Auth Viewer v, @Context HttpServletRequest servlet,
                          @FormParam("otp") String otp) {
        TwoFactorState s = state(v);
        long session = session(request);
        Optional<String> pending = jdbi.withExtension(TwoFactorDao.class, dao -> dao.pendingSecret(session));
        if (s.twoFactorOn() || pending.isEmpty()) {
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
            case "codes" -> "Your backup codes";
            default -> "Two-factor sign-in";
        };
        return new View(pages.context(request, title, v), mode, s, error, secret, backupCodes, notice);
    }
}
