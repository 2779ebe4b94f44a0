-- Interactive push: each action taken from a notification (a reply, "mark as read", "confirm
-- receipt") spends the notification's signed action token. The token's id is written here in the
-- same transaction as the action's effect, so a replayed token finds its id taken and changes nothing.
-- No user id: the effect (the message, the order event) says who acted, and erasure has nothing here to do.
CREATE TABLE push_action_uses (
  token_id varchar(64) PRIMARY KEY,
  action varchar(32) NOT NULL,
  used_at timestamptz NOT NULL DEFAULT now()
);
