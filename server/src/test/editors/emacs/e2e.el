;;; e2e.el --- End-to-end check of astrid-pack-ls with Eglot  -*- lexical-binding: t -*-
;;
;;   ASTRID_LAUNCHER=…/astrid-pack-ls/bin/astrid-pack-ls ASTRID_PACK=…/demo/pack.yaml ASTRID_RESULT=/tmp/emacs.json \
;;     emacs --batch -l e2e.el
;;
;; ASTRID_PACK is a copy of ../fixtures/demo/pack.yaml (its folder must be named demo).
;; Eglot is built into Emacs 29+; on Emacs 28 it comes from ELPA (Debian: elpa-eglot).
;; Writes what the editor saw to ASTRID_RESULT as JSON ({"ok": true, …}) and exits 0, or writes
;; {"ok": false, "error": …}, prints the error and exits 1.  Exits 77 when Eglot is not installed.

(require 'package)
(package-initialize)
(unless (require 'eglot nil t)
  (message "emacs e2e SKIPPED: eglot is not installed")
  (kill-emacs 77))
(require 'json)
(require 'cl-lib)
(require 'flymake)

(defconst astrid-timeout 30 "Seconds to wait for the server.")
(defvar astrid-result
  (list (cons 'emacs emacs-version)
        (cons 'eglot (ignore-errors
                       (let ((desc (cadr (assq 'eglot package-alist))))
                         (package-version-join (if desc (package-desc-version desc)
                                                 (alist-get 'eglot package--builtin-versions))))))))

(defun astrid-env (name &optional default)
  (or (getenv name) default (error "%s is not set" name)))

(defun astrid-wait-for (what predicate)
  "Process server output until PREDICATE returns non-nil, or fail naming WHAT."
  (let ((deadline (+ (float-time) astrid-timeout)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or value (error "Timed out waiting for %s" what))))

(defun astrid-put (key value) (push (cons key value) astrid-result) value)

;;; The setup docs/editors/emacs.md gives: a mode for manifest file names only.

(unless (require 'yaml-mode nil t)
  ;; yaml-mode is optional (Debian: elpa-yaml-mode); the server does not care.
  (define-derived-mode yaml-mode text-mode "YAML"))
(define-derived-mode astrid-yaml-mode yaml-mode "Astrid"
  "YAML mode for Astrid pack manifests.")
(add-to-list 'auto-mode-alist
             '("/\\(pack\\|executor\\|orchestrator\\|element\\)\\.ya?ml\\'" . astrid-yaml-mode))
(add-to-list 'eglot-server-programs
             `((astrid-yaml-mode :language-id "yaml")
               . (,(astrid-env "ASTRID_LAUNCHER") "--stdio")))
;; Answered to the server's workspace/configuration request for section "astrid".
(setq-default eglot-workspace-configuration
              '(:astrid (:severity (:permission-missing-reason "warning"))))
(add-hook 'astrid-yaml-mode-hook #'eglot-ensure)

(defun astrid-trust-summary ()
  "Show the trust summary of the pack of the current manifest."
  (interactive)
  (let* ((server (or (eglot-current-server) (user-error "No Eglot server for this buffer")))
         (uri (if (fboundp 'eglot-path-to-uri) (eglot-path-to-uri buffer-file-name)
                (eglot--path-to-uri buffer-file-name)))
         (text (jsonrpc-request server :workspace/executeCommand
                                `(:command "astrid.trustSummary" :arguments [,uri]))))
    (with-current-buffer (get-buffer-create "*Astrid trust summary*")
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert text))
      (special-mode)
      (display-buffer (current-buffer)))))

;;; The test.

(defun astrid-diagnostics ()
  "Flymake's diagnostics in the current buffer as (CODE SEVERITY LINE COL END-LINE END-COL), 0-based."
  (mapcar (lambda (d)
            (let ((lsp (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))
                  (pos (lambda (p) (save-excursion (goto-char p)
                                                   (list (1- (line-number-at-pos)) (current-column))))))
              (append (list (plist-get lsp :code) (plist-get lsp :severity))
                      (funcall pos (flymake-diagnostic-beg d))
                      (funcall pos (flymake-diagnostic-end d)))))
          (flymake-diagnostics)))

(defun astrid-check (cond format &rest args)
  (unless cond (error "%s" (apply #'format format args))))

(defun astrid-main ()
  (find-file (astrid-env "ASTRID_PACK"))
  (astrid-check (eq major-mode 'astrid-yaml-mode) "pack.yaml opened in %s, not astrid-yaml-mode" major-mode)
  ;; eglot-ensure connects from post-command-hook; batch mode runs no commands, so run it once.
  (run-hooks 'post-command-hook)
  (let ((server (astrid-wait-for "eglot to connect"
                                 (lambda () (and (eglot-managed-p) (eglot-current-server))))))
    (astrid-put 'server (ignore-errors (plist-get (eglot--server-info server) :name)))

    ;; Diagnostics as Flymake shows them, with the severity our settings asked for.
    (flymake-start)
    (let ((diags (astrid-wait-for
                  "the diagnostics"
                  (lambda ()
                    (let ((d (astrid-diagnostics)))
                      (and (assoc "permission-unknown-id" d) (assoc "permission-vague-reason" d)
                           (equal (nth 1 (assoc "permission-missing-reason" d)) 2)
                           d))))))
      (astrid-put 'diagnostics
                  (mapcar (lambda (d) (cl-mapcar #'cons '(code severity line character end_line end_character) d))
                          diags))
      (astrid-check (equal (cddr (assoc "permission-unknown-id" diags)) '(5 8 5 15))
                    "permission-unknown-id not on \"Network\" (5:8-5:15): %S" diags)
      (astrid-check (equal (cddr (assoc "permission-vague-reason" diags)) '(8 12 8 36))
                    "permission-vague-reason not on the reason (8:12-8:36): %S" diags))

    ;; Hover, through Eglot's ElDoc function, on the id value "subprocess" (line 8, 1-based).
    (goto-char (point-min))
    (forward-line 7)
    (move-to-column 10)
    (let (hover)
      (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
      (astrid-put 'hover (astrid-wait-for "hover" (lambda () hover)))
      (astrid-check (string-match-p "disclosure only" hover) "hover lacks \"disclosure only\": %s" hover))

    ;; Completion on a newly typed "  - id: " line, through Eglot's completion-at-point.
    (goto-char (point-max))
    (insert "  - id: ")
    (let* ((capf (eglot-completion-at-point))
           (labels (sort (all-completions "" (nth 2 capf)) #'string<)))
      (astrid-put 'completion labels)
      (astrid-check (equal labels '("accelerator" "environment" "external_services" "network"
                                    "project_files" "subprocess"))
                    "completion offered %S" labels))

    ;; The server command behind the code lens, through the command docs/editors/emacs.md gives.
    (astrid-trust-summary)
    (let ((summary (with-current-buffer "*Astrid trust summary*" (buffer-string))))
      (astrid-put 'trust_summary summary)
      (astrid-check (and (stringp summary) (string-match-p "disclosure_only" summary))
                    "astrid.trustSummary returned %S" summary))

    ;; Fails if the server does not answer `shutdown'.  No check of the exit status: after
    ;; sending `exit', jsonrpc.el (Emacs 28) deletes the process at once (SIGKILL, status 9).
    (set-buffer-modified-p nil)
    (eglot-shutdown server)))

(let ((err (condition-case e (progn (astrid-main) nil) (error (error-message-string e)))))
  (astrid-put 'ok (if err :json-false t))
  (when err (astrid-put 'error err))
  (with-temp-file (astrid-env "ASTRID_RESULT" "emacs-e2e.json")
    (insert (json-encode astrid-result)))
  (when err (message "emacs e2e FAILED: %s" err))
  (kill-emacs (if err 1 0)))
