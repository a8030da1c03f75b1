import { generateOrganisation, SIZES } from "./generate";
const g = await generateOrganisation(process.argv[2], SIZES[process.argv[3]], 7, console.log);
console.log(JSON.stringify(g));
process.exit(0);
