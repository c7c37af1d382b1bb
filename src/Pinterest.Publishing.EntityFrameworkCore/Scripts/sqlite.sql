CREATE TABLE "pinterest_claimed_pins" (
    "pin_id" TEXT NOT NULL CONSTRAINT "PK_pinterest_claimed_pins" PRIMARY KEY,
    "operation_id" TEXT NOT NULL,
    "claimed_at" INTEGER NOT NULL
);


CREATE TABLE "pinterest_cooldowns" (
    "account_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "until_at" INTEGER NOT NULL,
    "is_spam_block" INTEGER NOT NULL,
    "in_a_row" INTEGER NOT NULL,
    CONSTRAINT "PK_pinterest_cooldowns" PRIMARY KEY ("account_id", "category")
);


CREATE TABLE "pinterest_create_attempts" (
    "id" TEXT NOT NULL CONSTRAINT "PK_pinterest_create_attempts" PRIMARY KEY,
    "operation_id" TEXT NOT NULL,
    "draft_key" TEXT NOT NULL,
    "started_at" INTEGER NOT NULL,
    "in_flight_until" INTEGER NOT NULL,
    "ended_at" INTEGER NULL
);


CREATE TABLE "pinterest_processing_uploads" (
    "operation_id" TEXT NOT NULL CONSTRAINT "PK_pinterest_processing_uploads" PRIMARY KEY,
    "media_id" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL
);


CREATE TABLE "pinterest_scheduled_pins" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_pinterest_scheduled_pins" PRIMARY KEY AUTOINCREMENT,
    "request" TEXT NOT NULL,
    "due_at" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "lease_token" TEXT NULL,
    "lease_expires_at" INTEGER NULL,
    "status" TEXT NOT NULL,
    "outcome_kind" INTEGER NULL,
    "outcome_reason" TEXT NULL,
    "outcome_pin_id" TEXT NULL,
    "outcome_codes" TEXT NULL,
    "outcome_at" INTEGER NULL,
    "outcome_counts_as_attempt" INTEGER NULL
);


CREATE TABLE "pinterest_tokens" (
    "account_id" TEXT NOT NULL CONSTRAINT "PK_pinterest_tokens" PRIMARY KEY,
    "access_token" TEXT NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "refresh_token" TEXT NULL,
    "refresh_token_expires_at" INTEGER NULL,
    "scope" TEXT NULL,
    "version" INTEGER NOT NULL
);


CREATE INDEX "ix_pinterest_claimed_pins_claimed_at" ON "pinterest_claimed_pins" ("claimed_at");


CREATE INDEX "ix_pinterest_claimed_pins_operation_id" ON "pinterest_claimed_pins" ("operation_id");


CREATE INDEX "ix_pinterest_create_attempts_draft_key" ON "pinterest_create_attempts" ("draft_key");


CREATE INDEX "ix_pinterest_create_attempts_operation_id" ON "pinterest_create_attempts" ("operation_id");


CREATE INDEX "ix_pinterest_create_attempts_started_at" ON "pinterest_create_attempts" ("started_at");


CREATE INDEX "ix_pinterest_scheduled_pins_due_pending" ON "pinterest_scheduled_pins" ("due_at", "id") WHERE status = 'pending';


CREATE INDEX "ix_pinterest_tokens_expires_at" ON "pinterest_tokens" ("expires_at");


CREATE INDEX "ix_pinterest_tokens_refresh_token_expires_at" ON "pinterest_tokens" ("refresh_token_expires_at");


