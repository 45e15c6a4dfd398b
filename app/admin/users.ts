export const userSorts = ["display_name", "email", "role", "status", "created_at"] as const;
export type UserSort = (typeof userSorts)[number];
