// A checkbox whose unticked state reaches the server. A browser sends nothing for an unticked
// box, so a hidden input with the same name goes first with `unticked`; a ticked box's "yes"
// follows it, and the session keeps a name's last value. `commit`: the box saves on its own
// when changed (the runtime then sends `commit` for an unticked box).

export function Checkbox(props: { name: string | undefined; checked: boolean; unticked: string; id?: string; label?: string; disabled?: boolean; commit?: string }) {
  const { name, commit } = props;
  return (
    <>
      {name && <input type="hidden" name={name} value={props.unticked} />}
      <input
        type="checkbox"
        id={props.id}
        name={name}
        value="yes"
        data-unchecked={commit}
        checked={props.checked}
        disabled={props.disabled}
        data-commit={commit === undefined ? undefined : ""}
        aria-label={props.label}
      />
    </>
  );
}
