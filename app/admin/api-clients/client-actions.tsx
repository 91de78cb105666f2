"use client";

import {
  RevokeClientButton as SharedRevokeButton,
  RotateSecretButton as SharedRotateButton,
} from "@/components/api-clients/secret-buttons";
import { withStepUp } from "@/components/forms/with-step-up";
import { revokeApiClientAction, rotateApiClientSecretAction } from "./actions";

const rotateWithStepUp = withStepUp(rotateApiClientSecretAction);

export function RotateSecretButton({ id, name }: { id: string; name: string }) {
  return (
    <SharedRotateButton
      id={id}
      name={name}
      action={rotateWithStepUp}
      confirmNote="You will be asked to confirm with your security key."
    />
  );
}

export function RevokeClientButton({ id, name }: { id: string; name: string }) {
  return <SharedRevokeButton id={id} name={name} action={revokeApiClientAction} />;
}
