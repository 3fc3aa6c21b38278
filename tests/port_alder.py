"""Two short articles of our own on one harbor fire, written for the verify and rewrite tests: they agree
on the two warehouses and the 14 evacuated, and each states facts the other does not."""

GAZETTE = (
    "Fire crews in Port Alder fought a warehouse blaze for more than six hours on Tuesday, the fire department said. "
    "Fire Chief Marta Okafor said two warehouses were destroyed and 14 people were evacuated from nearby homes. "
    "No one was injured in the fire, according to the department. "
    "The cause of the fire is not yet known, and investigators from the state fire marshal's office arrived on Wednesday. "
    "Harbor operations were suspended overnight and resumed on Wednesday morning."
)
HERALD = (
    "A fire destroyed two warehouses at the Port Alder harbor on Tuesday. "
    "About 14 residents were evacuated as a precaution, Chief Marta Okafor told reporters. "
    "The harbor reopened on Wednesday morning after crews declared the fire out. "
    "Mayor Daniel Reyes thanked the firefighters and promised to help the businesses that lost stock."
)
